package jp.horenso.incident.disclosure.service;

import jp.horenso.incident.disclosure.DisclosureMethod;

/** The CISO's decision on disclosure (第43条5項) with their reasoning. */
public record DecideDisclosure(DisclosureMethod method, String note) {}
