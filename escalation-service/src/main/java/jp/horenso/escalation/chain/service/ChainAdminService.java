package jp.horenso.escalation.chain.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import jp.horenso.escalation.chain.ChainDefinition;
import jp.horenso.escalation.chain.ChainDocument;
import jp.horenso.escalation.chain.repository.ChainDefinitionRepository;
import jp.horenso.escalation.chain.validation.ChainError;
import jp.horenso.escalation.chain.validation.ChainValidator;
import jp.horenso.escalation.config.EscalationConfig;
import jp.horenso.escalation.directory.repository.DeputyRepository;
import jp.horenso.escalation.directory.repository.OrganisationRepository;
import jp.horenso.escalation.directory.repository.PersonRepository;
import jp.horenso.escalation.directory.repository.UnitRepository;
import jp.horenso.escalation.directory.service.StoredStaffing;
import jp.horenso.platform.admintrail.AdminTrail;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;
import org.jboss.logging.Logger;

/**
 * Reads and writes an organisation's reporting chain (the emergency response plan, 第107条) without a redeploy:
 * a written chain is checked completely and becomes a new version; cases already running keep theirs.
 */
@ApplicationScoped
@Transactional
public class ChainAdminService {

    private static final Logger LOG = Logger.getLogger(ChainAdminService.class);

    private final ChainDefinitionRepository definitions;
    private final OrganisationRepository organisations;
    private final UnitRepository units;
    private final PersonRepository people;
    private final DeputyRepository deputies;
    private final ChainCatalog catalog;
    private final ObjectMapper mapper;
    private final EscalationConfig config;
    private final AdminTrail trail;

    /** The administrative trail's action for a new chain version. */
    public static final String CHAIN_VERSION_SAVED = "CHAIN_VERSION_SAVED";

    /** What the trail records of a chain version (the document itself is the version, kept forever). */
    public record ChainVersionSaved(int version, Integer previousVersion, int steps, int outsideBodies) {}

    public ChainAdminService(
            ChainDefinitionRepository definitions,
            OrganisationRepository organisations,
            UnitRepository units,
            PersonRepository people,
            DeputyRepository deputies,
            ChainCatalog catalog,
            ObjectMapper mapper,
            EscalationConfig config,
            AdminTrail trail) {
        this.definitions = definitions;
        this.organisations = organisations;
        this.units = units;
        this.people = people;
        this.deputies = deputies;
        this.catalog = catalog;
        this.mapper = mapper;
        this.config = config;
        this.trail = trail;
    }

    /** The version new cases of the caller's organisation start on. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ChainDefinition current(Caller caller) {
        return definitions.latest(caller.organisation()).orElseThrow(() -> noChain(caller.organisation()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ChainDefinition> versions(Caller caller) {
        List<ChainDefinition> versions = definitions.versions(caller.organisation());
        if (versions.isEmpty()) {
            throw noChain(caller.organisation());
        }
        return versions;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ChainDefinition version(Caller caller, int version) {
        return definitions
                .findVersion(caller.organisation(), version)
                .orElseThrow(() -> ProblemException.notFound(
                        Message.text("報告経路の版 " + version + " はありません。", "There is no chain version " + version + ".")));
    }

    /** The stored document of a version. */
    public ChainDocument document(ChainDefinition definition) {
        try {
            return mapper.readValue(definition.definition(), ChainDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "chain " + definition.organisation() + " v" + definition.version() + " is not readable", e);
        }
    }

    /**
     * Checks {@code document} completely against the organisation's directory.
     *
     * @throws ProblemException 422 listing every problem and where it is
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void check(Caller caller, ChainDocument document) {
        List<ChainError> errors = new ArrayList<>(ChainValidator.structural(document));
        if (errors.isEmpty()) {
            errors.addAll(ChainValidator.staffing(
                    document,
                    new StoredStaffing(
                            caller.organisation(),
                            units,
                            people,
                            deputies,
                            config.zone().getId())));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable(
                    "invalid-chain",
                    Message.text("報告経路が正しくありません", "Invalid chain"),
                    Message.text(
                            "報告経路に " + errors.size() + " 件の問題があります。何も変更していません。",
                            "The chain has " + errors.size() + " problem(s). Nothing was changed."),
                    errors.stream()
                            .map(e -> new FieldProblem(e.field(), e.line(), e.message()))
                            .toList());
        }
    }

    /**
     * Writes {@code document} as the organisation's next chain version, the one new cases start on.
     *
     * @param expectedVersion the version the caller edited ({@code If-Match}); null to skip the check
     * @throws ProblemException 422 when the chain is not valid (nothing is written), 412 when
     *         {@code expectedVersion} is no longer the current version
     */
    public ChainDefinition write(Caller caller, ChainDocument document, Integer expectedVersion) {
        String organisation = caller.organisation();
        // One writer at a time per organisation: version numbers are counted, not guessed.
        if (organisation == null || !organisations.lock(organisation)) {
            throw noChain(organisation);
        }
        check(caller, document);
        int current =
                definitions.latest(organisation).map(ChainDefinition::version).orElse(0);
        if (expectedVersion != null && expectedVersion != current) {
            throw ProblemException.preconditionFailed(Message.text(
                    "報告経路は版 " + expectedVersion + " の後に変更されています（現在は版 " + current + "）。",
                    "The chain changed after version " + expectedVersion + " (now version " + current + ")."));
        }
        ChainDefinition written =
                new ChainDefinition(organisation, current + 1, catalog.toJson(document), caller.username());
        definitions.persist(written);
        definitions.flush();
        // created_at is the database's clock: read it back.
        definitions.getEntityManager().refresh(written);
        trail.record(
                jp.horenso.platform.security.Organisation.of(organisation),
                caller.username(),
                CHAIN_VERSION_SAVED,
                "chain/v" + written.version(),
                new ChainVersionSaved(
                        written.version(),
                        current == 0 ? null : current,
                        document.steps() == null ? 0 : document.steps().size(),
                        document.outsideBodiesOrNone().size()));
        LOG.infof(
                "chain of %s: version %d written by %s; new cases start on it",
                organisation, written.version(), caller.username());
        return written;
    }

    private static ProblemException noChain(String organisation) {
        return ProblemException.notFound(Message.text(
                "組織 " + organisation + " の報告経路はありません。", "Organisation " + organisation + " has no reporting chain."));
    }
}
