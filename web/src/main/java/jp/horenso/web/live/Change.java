package jp.horenso.web.live;

import java.util.UUID;

/** What a browser is told: a case changed, and by which event. Never the event's content. */
public record Change(UUID incidentId, String type) {}
