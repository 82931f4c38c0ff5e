package jp.horenso.escalation.hop.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Whom a hop is addressed to (part of HopOpened, HopTimedOut and HopEscalated). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recipient(String username, String email, String name) {}
