package jp.horenso.platform.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import jp.horenso.localstack.EmbeddedKafkaBroker;
import jp.horenso.localstack.EmbeddedPostgresServer;
import jp.horenso.localstack.Ports;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A real PostgreSQL and a real Kafka broker, started once for the platform's tests. */
public final class RealStack {

    private static RealStack started;

    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaBroker kafka;

    private RealStack(EmbeddedPostgresServer postgres, EmbeddedKafkaBroker kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    public static synchronized RealStack get() {
        if (started == null) {
            try {
                Path base = Files.createTempDirectory(
                        Files.createDirectories(Path.of("target")).toAbsolutePath(), "stack-");
                EmbeddedPostgresServer postgres =
                        EmbeddedPostgresServer.start(base.resolve("postgres"), Ports.free(), true);
                postgres.ensureDatabases("horenso").ensureApplicationRole();
                EmbeddedKafkaBroker kafka =
                        EmbeddedKafkaBroker.start(base.resolve("kafka"), Ports.free(), Ports.free());
                started = new RealStack(postgres, kafka);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    kafka.close();
                    postgres.close();
                }));
                started.createPlatformTables();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return started;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(
                postgres.jdbcUrl("horenso"), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
    }

    /** A connection as the services' application role, which owns nothing. */
    public Connection connectAsApplication() throws SQLException {
        return DriverManager.getConnection(
                postgres.jdbcUrl("horenso"), EmbeddedPostgresServer.APP_USER, EmbeddedPostgresServer.APP_PASSWORD);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public Map<String, Object> kafkaSettings() {
        return Map.of("bootstrap.servers", kafka.bootstrapServers());
    }

    /** The platform's own repeatable migration, as every service runs it. */
    private void createPlatformTables() {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(Files.readString(
                    Path.of("src/main/resources/db/platform/R__horenso_platform.sql"), StandardCharsets.UTF_8));
            // Flyway's afterMigrate callback, with the placeholder the local stack gives it.
            statement.execute(
                    Files.readString(Path.of("src/main/resources/db/platform/afterMigrate.sql"), StandardCharsets.UTF_8)
                            .replace("${horenso_app_role}", EmbeddedPostgresServer.APP_USER));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@code topic} from the beginning until {@code expected} records came or {@code max} passed. */
    public List<ConsumerRecord<String, String>> readAll(String topic, int expected, Duration max) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + max.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(records::add);
            }
        }
        return records;
    }
}
