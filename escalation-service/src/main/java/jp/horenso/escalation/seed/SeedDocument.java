package jp.horenso.escalation.seed;

import java.util.List;
import jp.horenso.escalation.chain.ChainDocument;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.directory.UnitKind;

/**
 * An organisation as written in a seed file ({@code src/main/resources/seed/*.yaml}): its tree, its people,
 * who holds which position, and the first version of its reporting chain.
 */
public record SeedDocument(OrganisationSeed organisation, List<UnitSeed> units, List<PersonSeed> people,
        List<PositionSeed> positions, ChainDocument chain) {

    /** A name in Japanese and, optionally, English. */
    public record Name(String ja, String en) {
    }

    public record OrganisationSeed(String code, Name name) {
    }

    public record UnitSeed(String code, UnitKind kind, String parent, Name name) {
    }

    /** {@code unit} null: the person sits at the organisation itself or in no unit. */
    public record PersonSeed(String username, String name, String email, String locale, String unit) {
    }

    /** {@code unit} null: a position of the whole organisation. */
    public record PositionSeed(Position position, String unit, String holder) {
    }
}
