package jp.horenso.incident.directory.rest;

import jp.horenso.incident.directory.DirectoryUnit;

/** A department or section for forms: code, kind, parent department and its name in Japanese and English. */
public record UnitView(String code, DirectoryUnit.Kind kind, String parent, Name name) {

    /** A name in both languages. */
    public record Name(String ja, String en) {}

    public static UnitView of(DirectoryUnit u) {
        return new UnitView(u.code(), u.kind(), u.parent(), new Name(u.nameJa(), u.nameEn()));
    }
}
