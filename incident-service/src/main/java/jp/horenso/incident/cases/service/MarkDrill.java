package jp.horenso.incident.cases.service;

/** Marks a case as a drill (第48条) or corrects it to "not a drill", with a reason. */
public record MarkDrill(boolean drill, String reason) {}
