package jp.horenso.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chaos run restarts PostgreSQL and the broker mid-run (bench/chaos.sh): what was written must still be there. */
class RestartKeepsDataTest {

    @TempDir
    Path dir;

    @Test
    void postgresRestartKeepsTheRowsAndACleanServerStillLeavesNoDataBehind() throws Exception {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), Ports.free(), true);
        try {
            postgres.ensureDatabases("chaos");
            try (Connection c = connect(postgres);
                    Statement s = c.createStatement()) {
                s.execute("create table kept (n int)");
                s.execute("insert into kept values (42)");
            }
            postgres.restart(Duration.ofMillis(200));
            try (Connection c = connect(postgres);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select n from kept")) {
                rs.next();
                assertEquals(42, rs.getInt(1));
            }
        } finally {
            postgres.close();
        }
        assertFalse(Files.exists(dir.resolve("pg/data")), "a server started clean deletes its data when closed");
    }

    @Test
    void kafkaRestartKeepsTheRecords() throws Exception {
        int port = Ports.free();
        int controller = Ports.free();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), port, controller);
        try {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
                producer.send(new ProducerRecord<>("kept", "k", "v")).get(30, TimeUnit.SECONDS);
            }
            broker.close();
            broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), port, controller);
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                long records = 0;
                for (int p = 0; p < 3; p++) {
                    records += admin.listOffsets(Map.of(new TopicPartition("kept", p), OffsetSpec.latest()))
                            .all()
                            .get(30, TimeUnit.SECONDS)
                            .values()
                            .iterator()
                            .next()
                            .offset();
                }
                assertEquals(1, records);
            }
        } finally {
            broker.close();
        }
    }

    private static Connection connect(EmbeddedPostgresServer postgres) throws Exception {
        return DriverManager.getConnection(
                postgres.jdbcUrl("chaos"), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
    }
}
