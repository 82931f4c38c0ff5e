package jp.horenso.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.horenso.notification.delivery.channel.smtp.SmtpClient;

/** Settings of notification rendering and delivery ({@code horenso.notification.*}). */
@ConfigMapping(prefix = "horenso.notification")
public interface NotificationConfig {

    /**
     * Where people reach this service, for the acknowledgement links in messages, e.g.
     * {@code https://horenso.demo-city.example.jp/notification} (env {@code HORENSO_NOTIFICATION_BASE_URL}).
     */
    String publicBaseUrl();

    /**
     * Where people open the web console; messages about decisions link to the case's page there
     * ({@code <console-base-url>/cases/<incident id>}, env {@code HORENSO_CONSOLE_BASE_URL}).
     */
    String consoleBaseUrl();

    Mail mail();

    Delivery delivery();

    AckLink ackLink();

    Webhook webhook();

    Quiet quiet();

    Inbox inbox();

    /** Mail channel settings. */
    interface Mail {

        /** The sender address of every mail. */
        String from();

        /** The SMTP server the mail goes to. */
        Smtp smtp();
    }

    /**
     * The SMTP server and its time-outs ({@code horenso.notification.mail.smtp.*}). Host, port, TLS and login
     * default to the standard {@code quarkus.mailer.*} settings (env {@code QUARKUS_MAILER_HOST}, …), see
     * application.properties.
     */
    interface Smtp {

        String host();

        int port();

        /** SMTPS: TLS from the first byte. */
        @WithDefault("false")
        boolean tls();

        /** STARTTLS on a plain connection: DISABLED, OPTIONAL (when offered) or REQUIRED. */
        @WithDefault("OPTIONAL")
        SmtpClient.StartTls startTls();

        Optional<String> username();

        Optional<String> password();

        /**
         * The longest wait for the greeting, for the answer to any command before the content, and for a write of the
         * content. A time-out there proves the server did not take the message: it is sent again.
         */
        @WithDefault("30s")
        Duration commandTimeout();

        /**
         * The longest wait for the answer to the final "." (RFC 5321 §4.5.3.2.6 suggests 10 minutes: the server
         * stores the message first). Without an answer the outcome is unknown and the mail is sent once more with the
         * same Message-ID. Keep the sum of the time-outs of one send below {@code delivery.lease-timeout}.
         */
        @WithDefault("2m")
        Duration endOfDataTimeout();
    }

    /** How the delivery worker claims and retries notifications. */
    interface Delivery {

        /** How often the worker looks for due notifications (read by its {@code @Scheduled}). */
        @WithDefault("1s")
        Duration pollInterval();

        /** How many notifications one worker run claims. */
        @WithDefault("10")
        int batchSize();

        /** Attempts on one channel before the recipient's next channel is tried (or, at the last, FAILED). */
        @WithDefault("5")
        int maxAttempts();

        /** Wait before the second attempt; doubled for each further one. */
        @WithDefault("30s")
        Duration initialDelay();

        /** Longest wait between two attempts. */
        @WithDefault("15m")
        Duration maxDelay();

        /**
         * Random spread of each wait, as a fraction of it (0.2: ±20%), so that notifications that failed together
         * do not all come back at the same moment.
         */
        @WithDefault("0.2")
        double jitter();

        /** How long a claimed notification stays with its worker before another may take it over. */
        @WithDefault("5m")
        Duration leaseTimeout();
    }

    /** One-click acknowledgement links (受領リンク). */
    interface AckLink {

        /**
         * The HMAC-SHA256 key the links are signed with, at least 32 characters (env
         * {@code HORENSO_NOTIFICATION_ACK_LINK_SECRET}); all replicas need the same. Production does not start
         * without it; in dev and test a missing key is replaced by a random one per start.
         */
        Optional<String> secret();

        /**
         * More keys by key id ({@code ack-link.keys.<id>}, at least 32 characters each), for rotation: every key
         * listed verifies the links signed with it; {@code secret} is the key {@code default}.
         */
        Map<String, String> keys();

        /**
         * The id of the key new links are signed with (env {@code HORENSO_NOTIFICATION_ACK_LINK_CURRENT_KEY_ID});
         * without it, the only key, or {@code default}.
         */
        Optional<String> currentKeyId();

        /**
         * The longest a link works after the message was written; a link expires earlier, at the hop's
         * acknowledgement deadline, when that comes first.
         */
        @WithDefault("PT24H")
        Duration ttl();
    }

    /** Webhook channel settings. */
    interface Webhook {

        @WithDefault("5s")
        Duration connectTimeout();

        /** How long a receiver may take to answer; longer counts as an unknown outcome. */
        @WithDefault("10s")
        Duration requestTimeout();

        /**
         * Hosts (as written in webhook URLs, e.g. {@code hooks.intra.demo-city.example.jp} or {@code 127.0.0.1}) that
         * may be webhook targets although they resolve to a loopback, private, link-local, unspecified or multicast
         * address. Nothing else reaching such an address is accepted or sent to.
         */
        Optional<List<String>> allowedHosts();

        /** Whether plain {@code http://} webhook URLs are accepted (dev and test only; production: https only). */
        @WithDefault("false")
        boolean allowHttp();
    }

    /** Digests for bursts (まとめ通知). */
    interface Quiet {

        /**
         * Accounts that are the CISO (or stand in for the CISO): their messages are never grouped or delayed,
         * whatever their settings say. Messages of the chain's CISO step are never grouped either.
         */
        @WithDefault("ciso")
        List<String> cisoUsernames();

        /** The longest digest window a person may be given. */
        @WithDefault("PT1H")
        Duration maxDigestWindow();
    }

    /** The in-app inbox's live updates. */
    interface Inbox {

        /** How often new inbox items are looked for and pushed to open streams (read by its {@code @Scheduled}). */
        @WithDefault("1s")
        Duration pollInterval();
    }
}
