package jp.horenso.incident.disclosure.service;

import java.time.OffsetDateTime;

/** That an approved version was published; {@code publishedAt} null means now. */
public record PublishDisclosure(int draftVersion, OffsetDateTime publishedAt) {}
