package jp.horenso.escalation.chain.rest;

import java.time.Instant;
import jp.horenso.escalation.chain.ChainDocument;

/** A version of an organisation's chain as the API shows it. */
public record ChainView(
        String organisation, int version, Instant createdAt, String createdBy, ChainDocument definition) {}
