package jp.horenso.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The topics and users follow the services' own configuration: a KafkaTopic for every topic a service publishes on,
 * consumes, or dead-letters to (and for every channel of docs/events/asyncapi.yaml), and none else; each service's
 * KafkaUser writes exactly its own topic and its own dead-letter topics, reads exactly what it consumes, in its own
 * consumer group (the console in none: its live updates take every partition themselves).
 */
class KafkaTopologyTest {

    static final List<String> CLIENTS =
            List.of("incident-service", "escalation-service", "notification-service", "web");

    /** What the module's configuration says it writes, reads, dead-letters to, and its consumer groups. */
    record Usage(Set<String> writes, Set<String> reads, Set<String> deadLetters, Set<String> groups) {}

    static Usage usage(String module) {
        ServiceConfig config = ServiceConfig.of(module);
        Set<String> writes = new TreeSet<>();
        Set<String> reads = new TreeSet<>();
        Set<String> dlqs = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        config.value("horenso.platform.topic").ifPresent(writes::add);
        // The console's live updates read their topics without a consumer group (web/live/LiveTail).
        config.value("horenso.web.live.topics")
                .ifPresent(topics ->
                        Arrays.stream(topics.split(",")).map(String::strip).forEach(reads::add));
        config.prod().forEach((key, value) -> {
            if (key.startsWith("mp.messaging.incoming.")) {
                if (key.endsWith(".topic") && !key.endsWith("dead-letter-queue.topic")) {
                    reads.add(value);
                } else if (key.endsWith(".dead-letter-queue.topic")) {
                    dlqs.add(value);
                } else if (key.endsWith(".group.id")) {
                    groups.add(value.replaceAll("\\$\\{.*", ""));
                }
            }
        });
        return new Usage(writes, reads, dlqs, groups);
    }

    private static List<ObjectNode> production() {
        return Repo.render("production");
    }

    @Test
    void everyTopicTheServicesUseIsDeclaredAndNoOther() {
        Set<String> used = new TreeSet<>();
        for (String client : CLIENTS) {
            Usage u = usage(client);
            used.addAll(u.writes());
            used.addAll(u.reads());
            used.addAll(u.deadLetters());
        }
        Set<String> asyncApi = new TreeSet<>();
        for (String line :
                Yaml.read(Repo.root().resolve("docs/events/asyncapi.yaml")).split("\n")) {
            if (line.strip().startsWith("address:")) {
                asyncApi.add(line.strip().substring("address:".length()).strip());
            }
        }
        assertEquals(3, asyncApi.size(), asyncApi.toString());
        assertTrue(used.containsAll(asyncApi), asyncApi.toString());
        Set<String> declared = new TreeSet<>();
        for (ObjectNode topic : Repo.ofKind(production(), "KafkaTopic")) {
            declared.add(topic.at("/spec/topicName").asText());
            assertEquals(3, topic.at("/spec/replicas").asInt(), topic.toString());
            assertEquals(2, topic.at("/spec/config/min.insync.replicas").asInt(), topic.toString());
            assertEquals(
                    "horenso", topic.at("/metadata/labels/strimzi.io~1cluster").asText());
        }
        assertEquals(used, declared);
        assertEquals(4, used.stream().filter(t -> t.endsWith(".dlq")).count(), used.toString());
    }

    @Test
    void theClusterHasThreeBrokersAndKeepsEveryAcknowledgedEventOnTwo() {
        List<ObjectNode> objects = production();
        ObjectNode kafka = Repo.named(objects, "Kafka", "horenso");
        assertEquals(
                3, kafka.at("/spec/kafka/config/default.replication.factor").asInt());
        assertEquals(2, kafka.at("/spec/kafka/config/min.insync.replicas").asInt());
        assertFalse(kafka.at("/spec/kafka/config/auto.create.topics.enable").asBoolean(true));
        assertEquals("simple", kafka.at("/spec/kafka/authorization/type").asText());
        for (JsonNode listener : kafka.at("/spec/kafka/listeners")) {
            assertTrue(listener.path("tls").asBoolean(), listener.toString());
            assertEquals("scram-sha-512", listener.at("/authentication/type").asText());
        }
        int brokers = 0;
        int controllers = 0;
        for (ObjectNode pool : Repo.ofKind(objects, "KafkaNodePool")) {
            String roles = pool.at("/spec/roles").toString();
            if (roles.contains("broker")) {
                brokers += pool.at("/spec/replicas").asInt();
            }
            if (roles.contains("controller")) {
                controllers += pool.at("/spec/replicas").asInt();
            }
        }
        assertEquals(3, brokers);
        assertEquals(3, controllers);
    }

    @ParameterizedTest
    @FieldSource("CLIENTS")
    void eachClientWritesOnlyItsOwnTopicAndReadsWhatItConsumes(String client) {
        Usage u = usage(client);
        ObjectNode user = Repo.named(production(), "KafkaUser", client);
        assertEquals("scram-sha-512", user.at("/spec/authentication/type").asText());
        Map<String, Set<String>> topicOps = new TreeMap<>();
        Map<String, Set<String>> groupOps = new TreeMap<>();
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            String type = acl.at("/resource/type").asText();
            String name = acl.at("/resource/name").asText()
                    + (acl.at("/resource/patternType").asText("literal").equals("prefix") ? "*" : "");
            assertEquals("allow", acl.path("type").asText("allow"));
            Set<String> ops = new TreeSet<>();
            acl.path("operations").forEach(o -> ops.add(o.asText()));
            assertFalse(ops.contains("All"), acl.toString());
            switch (type) {
                case "topic" ->
                    topicOps.computeIfAbsent(name, n -> new TreeSet<>()).addAll(ops);
                case "group" ->
                    groupOps.computeIfAbsent(name, n -> new TreeSet<>()).addAll(ops);
                default -> throw new AssertionError(client + " has an ACL on " + type);
            }
        }
        Set<String> written = new TreeSet<>();
        Set<String> read = new TreeSet<>();
        topicOps.forEach((topic, ops) -> {
            if (ops.contains("Write")) {
                written.add(topic);
            }
            if (ops.contains("Read")) {
                read.add(topic);
            }
        });
        Set<String> mayWrite = new TreeSet<>(u.writes());
        mayWrite.addAll(u.deadLetters());
        assertEquals(mayWrite, written, client + " writes");
        Set<String> mayRead = new TreeSet<>(u.reads());
        mayRead.addAll(u.deadLetters());
        assertEquals(mayRead, read, client + " reads");
        Set<String> readGroups = new TreeSet<>();
        groupOps.forEach((group, ops) -> {
            if (ops.contains("Read")) {
                readGroups.add(group);
            }
        });
        Set<String> expectedGroups = new TreeSet<>();
        u.groups().forEach(g -> expectedGroups.add(g.endsWith("-") ? g + "*" : g));
        assertEquals(expectedGroups, readGroups, client + " groups");
    }

    @Test
    void onlyTheServicesOwnUsersAndTheReplayToolExist() {
        Set<String> users = new TreeSet<>();
        Repo.ofKind(production(), "KafkaUser")
                .forEach(u -> users.add(u.at("/metadata/name").asText()));
        Set<String> expected = new TreeSet<>(CLIENTS);
        expected.add("horenso-dlq-replay");
        assertEquals(expected, users);
    }
}
