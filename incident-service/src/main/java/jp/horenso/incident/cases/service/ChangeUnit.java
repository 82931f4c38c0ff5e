package jp.horenso.incident.cases.service;

/** Moves a case to the section it concerns (第44条2項), with a reason. */
public record ChangeUnit(String unit, String reason) {}
