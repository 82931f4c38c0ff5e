package jp.horenso.incident.disclosure.service;

/** A new version of the disclosure text: Japanese, optionally English, optionally the accepted recurrence prevention. */
public record SaveDisclosureDraft(
        String titleJa, String bodyJa, String titleEn, String bodyEn, boolean includeRecurrencePrevention) {}
