package jp.horenso.notification.recipient.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import jp.horenso.notification.config.NotificationConfig;
import jp.horenso.notification.delivery.Channel;
import jp.horenso.notification.recipient.Endpoint;
import jp.horenso.notification.recipient.RecipientChannel;
import jp.horenso.notification.recipient.RecipientSetting;
import jp.horenso.notification.recipient.WebhookFormat;
import jp.horenso.notification.recipient.repository.KnownPeople;
import jp.horenso.notification.recipient.repository.RecipientChannelRepository;
import jp.horenso.notification.recipient.repository.RecipientSettingRepository;
import jp.horenso.platform.admintrail.AdminTrail;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Organisation;
import jp.horenso.platform.time.DatabaseClock;

/** Each person's route (channels in failover order) and quiet settings, and the rule that the CISO is never kept waiting. */
@ApplicationScoped
@Transactional
public class RecipientService {

    /** The chain step whose holder is the CISO (escalation-service's step names). */
    public static final String CISO_STEP = "CISO";

    /** The administrative trail's action for a change of someone's delivery settings. */
    public static final String DELIVERY_SETTINGS_CHANGED = "DELIVERY_SETTINGS_CHANGED";

    static final int MAX_CHANNELS = 5;
    static final int MIN_SECRET_LENGTH = 32;
    private static final Pattern MAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final RecipientChannelRepository channels;
    private final RecipientSettingRepository settings;
    private final NotificationConfig.Quiet quiet;
    private final DatabaseClock clock;
    private final WebhookTargets targets;
    private final KnownPeople people;
    private final AdminTrail trail;

    public RecipientService(
            RecipientChannelRepository channels,
            RecipientSettingRepository settings,
            NotificationConfig config,
            DatabaseClock clock,
            WebhookTargets targets,
            KnownPeople people,
            AdminTrail trail) {
        this.people = people;
        this.trail = trail;
        this.clock = clock;
        this.targets = targets;
        this.channels = channels;
        this.settings = settings;
        this.quiet = config.quiet();
    }

    /** What stands for the hidden middle of a masked webhook URL. */
    public static final String MASK = "…";

    /**
     * A webhook URL as shown: scheme, host (and port), then {@value #MASK} and the last 4 characters — enough to
     * tell two webhooks apart, never enough to use one (for chats the URL is the access token).
     */
    public static String masked(String url) {
        if (url == null) {
            return null;
        }
        String head;
        try {
            URI uri = URI.create(url);
            head = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/";
        } catch (IllegalArgumentException e) {
            head = "";
        }
        return head + MASK + url.substring(Math.max(0, url.length() - 4));
    }

    /**
     * The person's settings; a person nobody configured gets mail only, and no digest. Webhook URLs are shown
     * masked, secrets never (only whether one is set); a mail address is shown in full (it is the person's own,
     * or one the security lead gave for them, and nobody can post with it).
     *
     * @throws ProblemException 404 for a person of another organisation (see {@link #requireOwnOrUnknown})
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DeliverySettingsView view(Organisation organisation, String username) {
        requireOwnOrUnknown(organisation, username);
        return show(organisation, username);
    }

    private DeliverySettingsView show(Organisation organisation, String username) {
        List<DeliverySettingsView.ChannelView> list = channels.listFor(organisation, username).stream()
                .map(c -> new DeliverySettingsView.ChannelView(
                        c.position(),
                        c.channel(),
                        c.webhookFormat(),
                        c.channel() == Channel.WEBHOOK ? masked(c.address()) : c.address(),
                        c.secret() != null))
                .toList();
        Duration window = digestWindow(organisation, username);
        return new DeliverySettingsView(
                username, list, window == null ? null : window.toString(), isCiso(username, null));
    }

    /**
     * Replaces the person's channels and digest window. A webhook sent back as shown (its masked URL) or with its
     * full stored URL is unchanged: it keeps its URL, and its secret unless a new one is given. A new URL needs its
     * own secret (GENERIC), so a stored secret never follows a URL somewhere else. A change is written to the
     * organisation's administrative trail in the same transaction (which channels and kinds changed; never a URL,
     * an address or a secret).
     *
     * @throws ProblemException 404 for a person of another organisation, nothing changed
     */
    public DeliverySettingsView replace(Organisation organisation, String username, DeliverySettings input, String by) {
        requireOwnOrUnknown(organisation, username);
        List<DeliverySettings.ChannelSetting> sent =
                input == null || input.channels() == null ? List.of() : input.channels();
        List<RecipientChannel> stored = channels.listFor(organisation, username);
        Duration windowBefore = digestWindow(organisation, username);
        List<FieldProblem> errors = new ArrayList<>();
        List<DeliverySettings.ChannelSetting> wanted = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            wanted.add(keepStored("channels[" + i + "]", sent.get(i), stored, errors));
        }
        Duration window = validate(wanted, input == null ? null : input.digestWindow(), errors);
        Instant now = clock.transactionTime();
        DeliverySettingsChange change = DeliverySettingsChange.of(stored, wanted, windowBefore, window);
        channels.deleteFor(organisation, username);
        // The unique (username, position) key is checked per statement: the old rows must be gone first.
        channels.flush();
        for (int i = 0; i < wanted.size(); i++) {
            DeliverySettings.ChannelSetting c = wanted.get(i);
            channels.persist(new RecipientChannel(
                    organisation,
                    username,
                    i,
                    c.channel(),
                    c.format(),
                    blankToNull(c.address()),
                    blankToNull(c.secret()),
                    by,
                    now));
        }
        RecipientSetting setting =
                settings.findFor(organisation, username).orElseGet(() -> new RecipientSetting(organisation, username));
        setting.changeDigestWindow(window, by, now);
        settings.persist(setting);
        if (change.changed()) {
            trail.record(organisation, by, DELIVERY_SETTINGS_CHANGED, username, change);
        }
        return show(organisation, username);
    }

    /**
     * A person is (organisation, username). A user name this service knows only in other organisations is someone
     * else's person: 404, as for anything of another organisation (existence is not told by a 403). A user name known
     * nowhere yet may be configured (before the person's first notice); it then becomes the caller's organisation's.
     */
    private void requireOwnOrUnknown(Organisation organisation, String username) {
        if (!people.knows(organisation, username) && people.knownElsewhere(organisation, username)) {
            throw ProblemException.notFound(Message.key("recipient.not-found"));
        }
    }

    /** Where a new notification to the person goes first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Endpoint firstEndpoint(Organisation organisation, String username) {
        return channels.listFor(organisation, username).stream()
                .findFirst()
                .map(RecipientService::endpoint)
                .orElse(Endpoint.DEFAULT_MAIL);
    }

    /** The channel to fail over to after the one at {@code position}; empty when that was the last. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Endpoint> nextEndpoint(Organisation organisation, String username, int position) {
        return channels.firstAfter(organisation, username, position).map(RecipientService::endpoint);
    }

    /** The configured channel {@code id} (null: the default mail); empty when it was removed meanwhile. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Endpoint> endpoint(Long id) {
        if (id == null) {
            return Optional.of(Endpoint.DEFAULT_MAIL);
        }
        return channels.findByIdOptional(id).map(RecipientService::endpoint);
    }

    /** The person's digest window, or null when bursts are not grouped. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Duration digestWindow(Organisation organisation, String username) {
        return settings.findFor(organisation, username)
                .map(RecipientSetting::digestWindow)
                .orElse(null);
    }

    /** Whether a message to this person (at this chain step, if any) goes to the CISO: never grouped, never delayed. */
    public boolean isCiso(String username, String step) {
        return CISO_STEP.equals(step) || quiet.cisoUsernames().contains(username);
    }

    private static Endpoint endpoint(RecipientChannel channel) {
        return new Endpoint(
                channel.id(),
                channel.position(),
                channel.channel(),
                channel.webhookFormat(),
                channel.address(),
                channel.secret());
    }

    /** The channel as sent, or — for an unchanged webhook — with its stored URL and (unless replaced) secret. */
    private static DeliverySettings.ChannelSetting keepStored(
            String at, DeliverySettings.ChannelSetting c, List<RecipientChannel> stored, List<FieldProblem> errors) {
        if (c == null || c.channel() != Channel.WEBHOOK || blankToNull(c.address()) == null) {
            return c;
        }
        String address = blankToNull(c.address());
        Optional<RecipientChannel> same = stored.stream()
                .filter(s -> s.channel() == Channel.WEBHOOK && s.address() != null)
                .filter(s -> address.equals(s.address()) || address.equals(masked(s.address())))
                .min((a, b) -> Boolean.compare(a.webhookFormat() != c.format(), b.webhookFormat() != c.format()));
        if (same.isEmpty()) {
            if (address.contains(MASK)) {
                errors.add(FieldProblem.of(at + ".address", "recipient.webhook-masked-unknown"));
            }
            return c;
        }
        String secret =
                blankToNull(c.secret()) != null ? c.secret() : same.get().secret();
        return new DeliverySettings.ChannelSetting(
                c.channel(), c.format(), same.get().address(), secret);
    }

    private Duration validate(
            List<DeliverySettings.ChannelSetting> wanted, String digestWindow, List<FieldProblem> errors) {
        if (wanted.size() > MAX_CHANNELS) {
            errors.add(FieldProblem.of("channels", "recipient.too-many-channels", MAX_CHANNELS));
        }
        for (int i = 0; i < wanted.size(); i++) {
            String at = "channels[" + i + "]";
            if (errors.stream().noneMatch(e -> e.field().equals(at + ".address"))) {
                validate(at, wanted.get(i), errors);
            }
        }
        Duration window = null;
        if (digestWindow != null && !digestWindow.isBlank()) {
            try {
                window = Duration.parse(digestWindow);
            } catch (DateTimeParseException e) {
                window = Duration.ZERO;
            }
            if (window.isNegative()
                    || window.isZero()
                    || window.compareTo(quiet.maxDigestWindow()) > 0
                    || window.toNanos() % 1_000_000_000L != 0) {
                errors.add(FieldProblem.of(
                        "digestWindow",
                        "recipient.digest-window",
                        quiet.maxDigestWindow().toString()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields(errors);
        }
        return window;
    }

    private void validate(String at, DeliverySettings.ChannelSetting c, List<FieldProblem> errors) {
        if (c == null || c.channel() == null) {
            errors.add(FieldProblem.of(at + ".channel", "recipient.channel-required"));
            return;
        }
        String address = blankToNull(c.address());
        String secret = blankToNull(c.secret());
        if (c.channel() == Channel.INBOX) {
            errors.add(FieldProblem.of(at + ".channel", "recipient.inbox-not-listed"));
        } else if (c.channel() == Channel.MAIL) {
            if (c.format() != null) {
                errors.add(FieldProblem.of(at + ".format", "recipient.mail-has-no-format"));
            }
            if (address != null
                    && (address.length() > 254 || !MAIL.matcher(address).matches())) {
                errors.add(FieldProblem.of(at + ".address", "recipient.mail-address"));
            }
        } else {
            if (c.format() == null) {
                errors.add(FieldProblem.of(at + ".format", "recipient.webhook-format"));
            }
            // SSRF guard: no internal address unless allow-listed, https outside dev/test (checked again at send).
            targets.refusalForSaving(address)
                    .ifPresent(refusal -> errors.add(FieldProblem.of(at + ".address", refusal.key)));
            if (c.format() == WebhookFormat.GENERIC && secret == null) {
                errors.add(FieldProblem.of(at + ".secret", "recipient.generic-needs-secret"));
            }
        }
        if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
            errors.add(FieldProblem.of(at + ".secret", "recipient.secret-too-short", MIN_SECRET_LENGTH));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
