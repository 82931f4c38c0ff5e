package jp.horenso.escalation.seed;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import jp.horenso.escalation.chain.ChainDocument;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.directory.UnitKind;

/**
 * An organisation as written in a seed file ({@code src/main/resources/seed/*.yaml}): its tree, its people, who
 * holds which position, their deputies, and the first version of its reporting chain. The directory API shows and
 * exports the same shape without the chain.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeedDocument(
        OrganisationSeed organisation,
        List<UnitSeed> units,
        List<PersonSeed> people,
        List<PositionSeed> positions,
        List<DeputySeed> deputies,
        ChainDocument chain) {

    public List<DeputySeed> deputiesOrNone() {
        return deputies == null ? List.of() : deputies;
    }

    /** A name in Japanese and, optionally, English. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Name(String ja, String en) {}

    /**
     * The organisation and, in a seed or onboarding bundle, its profile (the directory's JSON and export leave the
     * profile out: it is not changed by a directory import).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrganisationSeed(
            String code,
            Name name,
            String caseNumberPrefix,
            String classificationScheme,
            Name contact,
            List<String> publicContacts) {

        public OrganisationSeed(String code, Name name) {
            this(code, name, null, null, null, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UnitSeed(String code, UnitKind kind, String parent, Name name) {}

    /** {@code unit} null: the person sits at the organisation itself or in no unit. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PersonSeed(String username, String name, String email, String locale, String unit) {}

    /** {@code unit} null: a position of the whole organisation. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PositionSeed(Position position, String unit, String holder) {}

    /** The deputy of a position ({@code unit} null: of the organisation), valid between two dates (inclusive). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeputySeed(
            Position position, String unit, String deputy, LocalDate validFrom, LocalDate validUntil) {}
}
