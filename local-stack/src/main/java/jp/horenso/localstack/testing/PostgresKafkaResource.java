package jp.horenso.localstack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import jp.horenso.localstack.EmbeddedKafkaBroker;
import jp.horenso.localstack.EmbeddedPostgresServer;
import jp.horenso.localstack.MailCatcher;
import jp.horenso.localstack.Ports;

/**
 * Starts a real PostgreSQL and a real Kafka broker (and, with the init argument {@code mail=true}, a real
 * SMTP server) once for a service's {@code @QuarkusTest}s, on free ports, with data under {@code target/}.
 *
 * <p>Besides the usual Quarkus properties it publishes {@code horenso.test.mail-api-url}, a JSON list of the
 * mails caught, so tests can read mail without sharing objects across class loaders.
 */
public class PostgresKafkaResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private MailCatcher mail;
    private boolean withMail;

    @Override
    public void init(Map<String, String> initArgs) {
        withMail = Boolean.parseBoolean(initArgs.getOrDefault("mail", "false"));
    }

    @Override
    public Map<String, String> start() {
        Path base;
        try {
            base = Files.createTempDirectory(
                    Files.createDirectories(Path.of("target")).toAbsolutePath(), "stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postgres = EmbeddedPostgresServer.start(base.resolve("postgres"), Ports.free(), true);
        postgres.ensureDatabases("horenso").ensureApplicationRole();
        kafka = EmbeddedKafkaBroker.start(base.resolve("kafka"), Ports.free(), Ports.free());
        Map<String, String> config = new HashMap<>();
        config.putAll(postgres.serviceDatasource("horenso"));
        // Tests that play the intruder (or clean up) connect as the owner with these.
        config.put("horenso.test.owner-username", EmbeddedPostgresServer.USER);
        config.put("horenso.test.owner-password", EmbeddedPostgresServer.PASSWORD);
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        if (withMail) {
            int webPort = Ports.free();
            mail = MailCatcher.start(Ports.free(), Ports.free(), webPort);
            config.put("quarkus.mailer.host", "127.0.0.1");
            config.put("quarkus.mailer.port", Integer.toString(mail.smtpPort()));
            config.put("quarkus.mailer.mock", "false");
            config.put("horenso.test.mail-api-url", "http://127.0.0.1:" + webPort + "/api/messages");
        }
        return config;
    }

    @Override
    public void stop() {
        if (mail != null) {
            mail.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
