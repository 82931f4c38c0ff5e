package jp.horenso.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.DriverManager;
import java.time.Duration;
import jp.horenso.platform.PlatformConfig;
import jp.horenso.platform.events.KafkaSettings;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Runs this instance's {@link OutboxRelay} on its own thread from start to shutdown: while it leads, it drains the
 * outbox whenever a commit wakes it (and every poll interval as a safety net); while another replica leads, it
 * tries to take over every poll interval.
 */
@ApplicationScoped
public class OutboxRelayRunner {

    private static final Logger LOG = Logger.getLogger(OutboxRelayRunner.class);

    private final PlatformConfig config;
    private final AgroalDataSource dataSource;
    private final Config settings;
    private volatile boolean running;
    private volatile boolean paused;
    private Thread thread;
    private OutboxRelay relay;
    private KafkaRecordSender sender;

    public OutboxRelayRunner(PlatformConfig config, AgroalDataSource dataSource, Config settings) {
        this.config = config;
        this.dataSource = dataSource;
        this.settings = settings;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.outbox().enabled()) {
            LOG.info("outbox relay switched off (horenso.platform.outbox.enabled=false)");
            return;
        }
        sender = new KafkaRecordSender(KafkaSettings.of(settings));
        String url = settings.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = settings.getOptionalValue("quarkus.datasource.username", String.class)
                .orElse(null);
        String password = settings.getOptionalValue("quarkus.datasource.password", String.class)
                .orElse(null);
        relay = new OutboxRelay(
                () -> DriverManager.getConnection(url, user, password),
                dataSource::getConnection,
                sender,
                new OutboxRelay.Settings(
                        config.service(),
                        config.outbox().batchSize(),
                        config.outbox().maxAttempts(),
                        config.outbox().ackTimeout()));
        running = true;
        thread = new Thread(this::loop, "horenso-outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (relay != null) {
            relay.close();
        }
        if (sender != null) {
            sender.close();
        }
    }

    /** Stops relaying until {@link #resume()} (tests use it to build a backlog). */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void loop() {
        Duration poll = config.outbox().pollInterval();
        while (running) {
            try {
                if (!paused && relay.lead()) {
                    relay.drain();
                    if (!paused) {
                        relay.awaitWork(poll);
                        continue;
                    }
                }
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
                Thread.interrupted();
            } catch (RuntimeException e) {
                LOG.warnf(e, "outbox relay round failed; retrying");
                sleepQuietly(poll);
            }
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
