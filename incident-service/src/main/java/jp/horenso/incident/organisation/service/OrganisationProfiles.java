package jp.horenso.incident.organisation.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import jp.horenso.incident.assessment.classification.ClassificationSchemes;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.organisation.OrganisationProfile;
import jp.horenso.incident.organisation.event.OrganisationOnboarded;
import jp.horenso.incident.organisation.repository.OrganisationProfileRepository;
import jp.horenso.platform.events.CloudEvents;
import jp.horenso.platform.events.IncomingEvent;
import jp.horenso.platform.events.InvalidEventException;
import jp.horenso.platform.inbox.Inbox;
import jp.horenso.platform.problem.ProblemException;
import org.jboss.logging.Logger;

/**
 * The organisations this installation serves, from escalation-service's {@code OrganisationOnboarded}: each event
 * (re)writes the organisation's profile at most once per event id; an event older than the profile held is ignored.
 * Filing, documents, disclosure screening and the classification scheme read the profile, never configuration.
 */
@ApplicationScoped
@Transactional
public class OrganisationProfiles {

    /** The processed-event consumer name: this projection records its events apart from the timeline's. */
    public static final String CONSUMER_SUFFIX = ":organisation";

    private static final Logger LOG = Logger.getLogger(OrganisationProfiles.class);

    private final OrganisationProfileRepository profiles;
    private final ClassificationSchemes schemes;
    private final Inbox inbox;
    private final CloudEvents cloudEvents;
    private final JapanTime clock;

    public OrganisationProfiles(
            OrganisationProfileRepository profiles,
            ClassificationSchemes schemes,
            Inbox inbox,
            CloudEvents cloudEvents,
            JapanTime clock) {
        this.profiles = profiles;
        this.schemes = schemes;
        this.inbox = inbox;
        this.cloudEvents = cloudEvents;
        this.clock = clock;
    }

    /**
     * Applies one {@code OrganisationOnboarded} event.
     *
     * @throws InvalidEventException when subject, envelope and data do not name the same organisation, the scheme is
     *     unknown or the prefix is another organisation's (the record goes to the dead-letter topic)
     */
    public void apply(IncomingEvent event, String channel) {
        OrganisationOnboarded onboarded = cloudEvents.data(event, OrganisationOnboarded.class);
        String code = onboarded.organisation();
        event.requireOrganisation(code);
        if (!code.equals(event.subject())) {
            throw new InvalidEventException(
                    OrganisationOnboarded.NAME + " about " + event.subject() + " names " + code);
        }
        if (!schemes.has(onboarded.classificationScheme())) {
            throw new InvalidEventException("unknown classification scheme " + onboarded.classificationScheme());
        }
        if (!inbox.firstDelivery(event.id(), channel + CONSUMER_SUFFIX)) {
            return;
        }
        profiles.find("caseNumberPrefix = ?1 AND code <> ?2", onboarded.caseNumberPrefix(), code)
                .firstResultOptional()
                .ifPresent(other -> {
                    throw new InvalidEventException("case-number prefix " + onboarded.caseNumberPrefix()
                            + " belongs to " + ((OrganisationProfile) other).code());
                });
        OrganisationProfile held = profiles.profile(code).orElse(null);
        if (held != null && held.onboardedAt().isAfter(event.time())) {
            LOG.infof(
                    "ignored onboarding of %s sent %s: the profile of %s is newer",
                    code, event.time(), held.onboardedAt());
            return;
        }
        boolean first = held == null;
        if (first) {
            held = OrganisationProfile.of(code);
        }
        held.onboarded(
                onboarded.name().ja(),
                onboarded.name().en(),
                onboarded.caseNumberPrefix(),
                onboarded.classificationScheme(),
                onboarded.contact().ja(),
                onboarded.contact().en(),
                onboarded.publicContacts(),
                onboarded.onboardedBy(),
                event.time(),
                event.id(),
                clock.now());
        if (first) {
            profiles.persist(held);
        }
        profiles.flush();
        profiles.ensureCounter(code);
        LOG.infof("organisation %s onboarded (prefix %s)", code, onboarded.caseNumberPrefix());
    }

    /** The organisation's profile, if it was onboarded. */
    public Optional<OrganisationProfile> profile(String organisation) {
        return profiles.profile(organisation);
    }

    /**
     * The profile of an organisation that files a case.
     *
     * @throws ProblemException 409 {@code organisation.not-onboarded} when it was not onboarded
     */
    public OrganisationProfile require(String organisation) {
        return profiles.profile(organisation)
                .orElseThrow(() -> new ProblemException(409, "organisation.not-onboarded", organisation));
    }

    /**
     * The next case number of {@code profile}'s organisation, {@code <PREFIX>-<year in Japan time>-<6 digits>}, e.g.
     * {@code GIKAI-2026-000001}; call it late in the filing transaction (it holds the counter's row until the end).
     */
    public String nextCaseNumber(OrganisationProfile profile) {
        long next = profiles.nextCaseCounter(profile.code());
        return "%s-%d-%06d".formatted(profile.caseNumberPrefix(), clock.now().getYear(), next);
    }
}
