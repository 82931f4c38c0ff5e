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
import jp.horenso.notification.common.problem.ProblemException;
import jp.horenso.notification.common.problem.ProblemException.FieldText;
import jp.horenso.notification.delivery.Channel;
import jp.horenso.notification.config.NotificationConfig;
import jp.horenso.notification.recipient.Endpoint;
import jp.horenso.notification.recipient.RecipientChannel;
import jp.horenso.notification.recipient.RecipientSetting;
import jp.horenso.notification.recipient.WebhookFormat;
import jp.horenso.notification.recipient.repository.RecipientChannelRepository;
import jp.horenso.notification.recipient.repository.RecipientSettingRepository;

/** Each person's route (channels in failover order) and quiet settings, and the rule that the CISO is never kept waiting. */
@ApplicationScoped
@Transactional
public class RecipientService {

    /** The chain step whose holder is the CISO (escalation-service's step names). */
    public static final String CISO_STEP = "CISO";
    static final int MAX_CHANNELS = 5;
    static final int MIN_SECRET_LENGTH = 32;
    private static final Pattern MAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final RecipientChannelRepository channels;
    private final RecipientSettingRepository settings;
    private final NotificationConfig.Quiet quiet;

    public RecipientService(RecipientChannelRepository channels, RecipientSettingRepository settings,
            NotificationConfig config) {
        this.channels = channels;
        this.settings = settings;
        this.quiet = config.quiet();
    }

    /** The person's settings; a person nobody configured gets mail only, and no digest. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DeliverySettingsView view(String username) {
        List<DeliverySettingsView.ChannelView> list = channels.listFor(username).stream()
                .map(c -> new DeliverySettingsView.ChannelView(c.position(), c.channel(), c.webhookFormat(),
                        c.address(), c.secret() != null))
                .toList();
        Duration window = digestWindow(username);
        return new DeliverySettingsView(username, list, window == null ? null : window.toString(),
                isCiso(username, null));
    }

    /** Replaces the person's channels and digest window. */
    public DeliverySettingsView replace(String username, DeliverySettings input, String by) {
        List<DeliverySettings.ChannelSetting> wanted = input == null || input.channels() == null ? List.of()
                : input.channels();
        Duration window = validate(wanted, input == null ? null : input.digestWindow());
        Instant now = Instant.now();
        channels.deleteFor(username);
        // The unique (username, position) key is checked per statement: the old rows must be gone first.
        channels.flush();
        for (int i = 0; i < wanted.size(); i++) {
            DeliverySettings.ChannelSetting c = wanted.get(i);
            channels.persist(new RecipientChannel(username, i, c.channel(), c.format(), blankToNull(c.address()),
                    blankToNull(c.secret()), by, now));
        }
        RecipientSetting setting = settings.findByIdOptional(username).orElseGet(() -> new RecipientSetting(username));
        setting.changeDigestWindow(window, by, now);
        settings.persist(setting);
        return view(username);
    }

    /** Where a new notification to the person goes first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Endpoint firstEndpoint(String username) {
        return channels.listFor(username).stream().findFirst().map(RecipientService::endpoint)
                .orElse(Endpoint.DEFAULT_MAIL);
    }

    /** The channel to fail over to after the one at {@code position}; empty when that was the last. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Endpoint> nextEndpoint(String username, int position) {
        return channels.firstAfter(username, position).map(RecipientService::endpoint);
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
    public Duration digestWindow(String username) {
        return settings.findByIdOptional(username).map(RecipientSetting::digestWindow).orElse(null);
    }

    /** Whether a message to this person (at this chain step, if any) goes to the CISO: never grouped, never delayed. */
    public boolean isCiso(String username, String step) {
        return CISO_STEP.equals(step) || quiet.cisoUsernames().contains(username);
    }

    private static Endpoint endpoint(RecipientChannel channel) {
        return new Endpoint(channel.id(), channel.position(), channel.channel(), channel.webhookFormat(),
                channel.address(), channel.secret());
    }

    private Duration validate(List<DeliverySettings.ChannelSetting> wanted, String digestWindow) {
        List<FieldText> errors = new ArrayList<>();
        if (wanted.size() > MAX_CHANNELS) {
            errors.add(new FieldText("channels", "配信先は " + MAX_CHANNELS + " 件までです。",
                    "At most " + MAX_CHANNELS + " channels."));
        }
        for (int i = 0; i < wanted.size(); i++) {
            validate("channels[" + i + "]", wanted.get(i), errors);
        }
        Duration window = null;
        if (digestWindow != null && !digestWindow.isBlank()) {
            try {
                window = Duration.parse(digestWindow);
            } catch (DateTimeParseException e) {
                window = Duration.ZERO;
            }
            if (window.isNegative() || window.isZero() || window.compareTo(quiet.maxDigestWindow()) > 0
                    || window.toNanos() % 1_000_000_000L != 0) {
                errors.add(new FieldText("digestWindow",
                        "まとめる時間は 1 秒以上 " + quiet.maxDigestWindow() + " 以下の ISO-8601 期間（例: PT10M）で指定してください。",
                        "The digest window is an ISO-8601 duration of whole seconds from 1 second to "
                                + quiet.maxDigestWindow() + " (e.g. PT10M)."));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return window;
    }

    private static void validate(String at, DeliverySettings.ChannelSetting c, List<FieldText> errors) {
        if (c == null || c.channel() == null) {
            errors.add(new FieldText(at + ".channel", "MAIL か WEBHOOK を指定してください。", "Give MAIL or WEBHOOK."));
            return;
        }
        String address = blankToNull(c.address());
        String secret = blankToNull(c.secret());
        if (c.channel() == Channel.INBOX) {
            errors.add(new FieldText(at + ".channel", "アプリ内の受信箱には常に届くため、指定できません。",
                    "The in-app inbox always receives every notification; it is not listed."));
        } else if (c.channel() == Channel.MAIL) {
            if (c.format() != null) {
                errors.add(new FieldText(at + ".format", "メールには形式を指定できません。", "Mail has no format."));
            }
            if (address != null && (address.length() > 254 || !MAIL.matcher(address).matches())) {
                errors.add(new FieldText(at + ".address", "メールアドレスが正しくありません。", "Not a mail address."));
            }
        } else {
            if (c.format() == null) {
                errors.add(new FieldText(at + ".format", "GENERIC・TEAMS・SLACK・MATTERMOST のいずれかを指定してください。",
                        "Give GENERIC, TEAMS, SLACK or MATTERMOST."));
            }
            if (!isHttpUrl(address)) {
                errors.add(new FieldText(at + ".address", "http または https の URL を指定してください。",
                        "Give an http or https URL."));
            }
            if (c.format() == WebhookFormat.GENERIC && secret == null) {
                errors.add(new FieldText(at + ".secret", "GENERIC 形式には署名用の秘密鍵が必要です。",
                        "A GENERIC webhook needs the secret its signatures are made with."));
            }
        }
        if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
            errors.add(new FieldText(at + ".secret", "秘密鍵は " + MIN_SECRET_LENGTH + " 文字以上にしてください。",
                    "The secret needs at least " + MIN_SECRET_LENGTH + " characters."));
        }
    }

    private static boolean isHttpUrl(String address) {
        if (address == null || address.length() > 2000) {
            return false;
        }
        try {
            URI uri = URI.create(address);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
