package jp.horenso.escalation.onboarding.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jp.horenso.escalation.chain.Chain;
import jp.horenso.escalation.chain.ChainDefinition;
import jp.horenso.escalation.chain.repository.ChainDefinitionRepository;
import jp.horenso.escalation.chain.service.ChainCatalog;
import jp.horenso.escalation.chain.validation.ChainError;
import jp.horenso.escalation.chain.validation.ChainValidator;
import jp.horenso.escalation.directory.repository.OrganisationRepository;
import jp.horenso.escalation.directory.service.DirectoryImportCheck;
import jp.horenso.escalation.directory.service.DirectoryImportCheck.Checked;
import jp.horenso.escalation.directory.service.DirectoryImportService;
import jp.horenso.escalation.directory.service.DirectoryPublisher;
import jp.horenso.escalation.onboarding.event.OrganisationOnboarded;
import jp.horenso.escalation.onboarding.exchange.OnboardingBundle;
import jp.horenso.escalation.onboarding.exchange.OnboardingBundle.Profile;
import jp.horenso.escalation.onboarding.exchange.OnboardingBundleFormat;
import jp.horenso.platform.admintrail.AdminTrail;
import jp.horenso.platform.outbox.Outbox;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Organisation;
import org.jboss.logging.Logger;

/**
 * Onboards an organisation into the installation without a redeploy, from one bundle: checked completely first
 * (every problem with its field and line), then — in one transaction — the organisation and its profile, units,
 * people, positions, deputies and chain version 1 (with its outside bodies) are stored, OrganisationOnboarded and
 * then DirectoryPublished go to the outbox, and the administrative trail records ORGANISATION_ONBOARDED. The
 * start-up seeds go through here too.
 */
@ApplicationScoped
@Transactional
public class OnboardingService {

    /** Who onboards the organisations of the start-up seed files. */
    public static final String SEED = "seed";
    /** The administrative trail's action. */
    public static final String ORGANISATION_ONBOARDED = "ORGANISATION_ONBOARDED";

    private static final Logger LOG = Logger.getLogger(OnboardingService.class);

    private final OrganisationRepository organisations;
    private final DirectoryImportCheck importCheck;
    private final DirectoryImportService directory;
    private final DirectoryPublisher publisher;
    private final ChainDefinitionRepository chains;
    private final ChainCatalog catalog;
    private final Outbox outbox;
    private final AdminTrail trail;
    private final ObjectMapper mapper;

    public OnboardingService(
            OrganisationRepository organisations,
            DirectoryImportCheck importCheck,
            DirectoryImportService directory,
            DirectoryPublisher publisher,
            ChainDefinitionRepository chains,
            ChainCatalog catalog,
            Outbox outbox,
            AdminTrail trail,
            ObjectMapper mapper) {
        this.organisations = organisations;
        this.importCheck = importCheck;
        this.directory = directory;
        this.publisher = publisher;
        this.chains = chains;
        this.catalog = catalog;
        this.outbox = outbox;
        this.trail = trail;
        this.mapper = mapper;
    }

    /** What the trail records about an onboarding (no personal data beyond counts). */
    public record OnboardingDetail(
            String caseNumberPrefix,
            String classificationScheme,
            int units,
            int people,
            int positions,
            int deputies,
            int chainVersion,
            int outsideBodies) {}

    /**
     * Onboards a new organisation, or with {@code dryRun} says what would be created and stores nothing.
     *
     * @throws ProblemException 400 listing every problem of the bundle with its field and line (nothing stored),
     *     409 when the organisation exists already
     */
    public OnboardingResult onboard(OnboardCommand command) {
        OnboardingBundle bundle = OnboardingBundleFormat.read(command.bundle());
        Profile profile = bundle.profile();
        if (profile != null
                && !profile.code().isEmpty()
                && organisations.findByIdOptional(profile.code()).isPresent()) {
            throw exists(profile.code());
        }
        Checked checked = check(bundle);
        OnboardingResult result = result(bundle, command.dryRun());
        if (command.dryRun()) {
            return result;
        }
        if (!store(bundle, checked, command.onboardedBy())) {
            throw exists(profile.code());
        }
        return result;
    }

    /**
     * Onboards a start-up seed's organisation unless it is in the database already (then the database, not the
     * file, is the truth).
     *
     * @return the organisation's code, and whether it was onboarded now
     * @throws IllegalStateException when the seed is not a valid bundle (the start-up must stop, not half-load)
     */
    public SeedOutcome seed(String resource, String bundleText) {
        OnboardingBundle bundle = OnboardingBundleFormat.read(bundleText);
        Profile profile = bundle.profile();
        if (profile != null && !profile.code().isEmpty()) {
            var existing = organisations.findByIdOptional(profile.code());
            if (existing.isPresent()) {
                if (existing.get().onboardedAt() == null) {
                    adoptProfile(resource, bundle);
                }
                return new SeedOutcome(profile.code(), false);
            }
        }
        Checked checked;
        try {
            checked = check(bundle);
        } catch (ProblemException e) {
            throw new IllegalStateException("seed " + resource + " is not a valid onboarding bundle: "
                    + e.errors().stream()
                            .map(p -> "line " + p.line() + " " + p.field() + ": "
                                    + p.message().in(java.util.Locale.ENGLISH))
                            .toList());
        }
        // Another replica starting at the same time may have claimed it: then it is seeded, not by us.
        return new SeedOutcome(profile.code(), store(bundle, checked, SEED));
    }

    /**
     * An organisation seeded before organisations had a profile (a local stack from an earlier version): its
     * directory and chain stay as the database has them; it takes the seed's profile and is announced
     * (OrganisationOnboarded, by {@code seed}) so that the other services learn its case-number prefix and contacts.
     */
    private void adoptProfile(String resource, OnboardingBundle bundle) {
        Profile profile = bundle.profile();
        List<FieldProblem> problems = bundle.problems().stream()
                .filter(p -> p.field() != null && p.field().startsWith("organisation"))
                .toList();
        if (!problems.isEmpty() || organisations.prefixTaken(profile.caseNumberPrefix(), profile.code())) {
            throw new IllegalStateException("seed " + resource + ": the profile of " + profile.code()
                    + " is not valid or its case-number prefix is taken: "
                    + problems.stream()
                            .map(p -> p.field() + " " + p.message().in(java.util.Locale.ENGLISH))
                            .toList());
        }
        if (!organisations.adoptProfile(
                profile.code(),
                profile.caseNumberPrefix(),
                profile.classificationScheme(),
                profile.contactJa(),
                profile.contactEn(),
                json(profile.publicContacts()),
                SEED)) {
            return;
        }
        Organisation organisation = Organisation.of(profile.code());
        outbox.append(OrganisationOnboarded.NAME, organisation, profile.code(), onboarded(profile, SEED));
        trail.record(
                organisation,
                SEED,
                ORGANISATION_ONBOARDED,
                profile.code(),
                new OnboardingDetail(profile.caseNumberPrefix(), profile.classificationScheme(), 0, 0, 0, 0, 0, 0));
        LOG.infof("organisation %s (seeded before profiles) took the profile of %s", profile.code(), resource);
    }

    private static OrganisationOnboarded onboarded(Profile profile, String by) {
        return new OrganisationOnboarded(
                profile.code(),
                new OrganisationOnboarded.Text(
                        profile.nameJa(), profile.nameEn().isEmpty() ? null : profile.nameEn()),
                profile.caseNumberPrefix(),
                profile.classificationScheme(),
                new OrganisationOnboarded.Text(profile.contactJa(), profile.contactEn()),
                profile.publicContacts(),
                by);
    }

    /** What the start-up seeding did with one seed file. */
    public record SeedOutcome(String organisation, boolean onboarded) {}

    private Checked check(OnboardingBundle bundle) {
        Profile profile = bundle.profile();
        List<FieldProblem> problems = new ArrayList<>(bundle.problems());
        String code = profile == null ? "" : profile.code();
        Checked checked = importCheck.check(code, bundle.rows());
        problems.addAll(checked.errors());
        if (profile != null
                && !profile.caseNumberPrefix().isEmpty()
                && organisations.prefixTaken(profile.caseNumberPrefix(), code)) {
            problems.add(new FieldProblem(
                    "organisation.caseNumberPrefix",
                    profile.caseNumberPrefixLine(),
                    Message.text(
                            "事案番号の接頭辞 " + profile.caseNumberPrefix() + " は別の組織が使っています。",
                            "Case-number prefix " + profile.caseNumberPrefix() + " is used by another organisation.")));
        }
        if (bundle.chain() != null) {
            List<ChainError> chainErrors = new ArrayList<>(ChainValidator.structural(bundle.chain()));
            if (chainErrors.isEmpty() && checked.errors().isEmpty()) {
                chainErrors.addAll(
                        ChainValidator.staffing(bundle.chain(), importCheck.staffing(bundle.rows(), checked.dates())));
            }
            for (ChainError e : chainErrors) {
                problems.add(new FieldProblem(
                        "chain." + e.field(),
                        e.line() != null && e.line() > 0 ? e.line() : bundle.chainLine(e.field()),
                        e.message()));
            }
            if (chainErrors.isEmpty() && !code.isEmpty()) {
                try {
                    Chain.of(code, 1, bundle.chain());
                } catch (RuntimeException e) {
                    problems.add(new FieldProblem(
                            "chain",
                            bundle.chainLine(""),
                            Message.text(
                                    "報告経路を使えません: " + e.getMessage(), "The chain cannot be used: " + e.getMessage())));
                }
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(p -> p.line() == null ? 0 : p.line()));
            throw new ProblemException(
                    400,
                    "invalid-onboarding-bundle",
                    Message.text("組織を登録できません", "Organisation not onboarded"),
                    Message.text(
                            problems.size() + " 件の誤りがあります。何も登録していません。",
                            problems.size() + " problem(s). Nothing was stored."),
                    problems);
        }
        return checked;
    }

    private OnboardingResult result(OnboardingBundle bundle, boolean dryRun) {
        Profile profile = bundle.profile();
        return new OnboardingResult(
                profile.code(),
                profile.caseNumberPrefix(),
                profile.classificationScheme(),
                dryRun,
                bundle.rows().units.size(),
                bundle.rows().people.size(),
                bundle.rows().positions.size(),
                bundle.rows().deputies.size(),
                1,
                bundle.chain().steps() == null ? 0 : bundle.chain().steps().size(),
                bundle.chain().outsideBodiesOrNone().size(),
                profile.publicContacts().size());
    }

    /** Stores a checked bundle; {@code false} when the organisation was claimed meanwhile (nothing stored). */
    private boolean store(OnboardingBundle bundle, Checked checked, String by) {
        Profile profile = bundle.profile();
        String code = profile.code();
        if (!organisations.insertOnboarded(
                code,
                profile.nameJa(),
                profile.nameEn().isEmpty() ? null : profile.nameEn(),
                profile.caseNumberPrefix(),
                profile.classificationScheme(),
                profile.contactJa(),
                profile.contactEn(),
                json(profile.publicContacts()),
                by)) {
            return false;
        }
        directory.apply(code, bundle.rows(), checked);
        chains.persist(new ChainDefinition(code, 1, catalog.toJson(bundle.chain()), by));
        chains.flush();
        Organisation organisation = Organisation.of(code);
        // The profile first: a consumer knows the organisation before its directory arrives (same key, in order).
        outbox.append(OrganisationOnboarded.NAME, organisation, code, onboarded(profile, by));
        publisher.publish(code);
        OnboardingResult result = result(bundle, false);
        trail.record(
                organisation,
                by,
                ORGANISATION_ONBOARDED,
                code,
                new OnboardingDetail(
                        result.caseNumberPrefix(),
                        result.classificationScheme(),
                        result.units(),
                        result.people(),
                        result.positions(),
                        result.deputies(),
                        result.chainVersion(),
                        result.outsideBodies()));
        LOG.infof(
                "onboarded organisation %s (%s) by %s: %d units, %d people, %d positions, chain v1",
                code, profile.caseNumberPrefix(), by, result.units(), result.people(), result.positions());
        return true;
    }

    private String json(List<String> values) {
        try {
            return mapper.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ProblemException exists(String code) {
        return ProblemException.conflict(
                "organisation-exists",
                Message.text(
                        "組織 " + code + " は登録済みです。変更は組織情報の取り込みと報告経路の版で行ってください。",
                        "Organisation " + code + " is onboarded already. Change it by a directory import and a new"
                                + " chain version."));
    }
}
