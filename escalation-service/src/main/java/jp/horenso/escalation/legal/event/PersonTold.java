package jp.horenso.escalation.legal.event;

/** Someone a legal-clock event told (part of LegalDeadlineApproaching and LegalDeadlineMissed). */
public record PersonTold(String username, String email, String name) {}
