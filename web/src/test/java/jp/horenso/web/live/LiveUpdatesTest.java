package jp.horenso.web.live;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jp.horenso.web.support.StubServices;
import jp.horenso.web.support.Tokens;
import jp.horenso.web.support.Upstream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Live updates without polling: an event on the real broker reaches the browser's event stream, and only after
 * incident-service confirmed with that person's token that they may see the case.
 */
@QuarkusTest
class LiveUpdatesTest {

    @TestHTTPResource("/events")
    URL events;

    @Test
    void anEventReachesOnlyTheBrowsersWhosePersonMaySeeTheCase() throws Exception {
        Upstream.forget();
        String token = Tokens.csirt1();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(events.toString()))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<java.util.stream.Stream<String>> response =
                client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertTrue(response.statusCode() == 200, "stream opened: " + response.statusCode());
        Thread reader = new Thread(() -> response.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();

        Properties props = new Properties();
        props.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        String seen = null;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            Instant until = Instant.now().plusSeconds(60);
            while (seen == null && Instant.now().isBefore(until)) {
                // A case the person may not see first, then one they may: only the second may arrive.
                producer.send(new ProducerRecord<>(
                        "horenso.incident-events",
                        StubServices.HIDDEN_ID,
                        event("IncidentRecordUpdated", StubServices.HIDDEN_ID)));
                producer.send(new ProducerRecord<>(
                                "horenso.escalation-events",
                                StubServices.CASE_ID,
                                event("HopAcknowledged", StubServices.CASE_ID)))
                        .get();
                String line;
                while ((line = lines.poll(2, TimeUnit.SECONDS)) != null) {
                    assertTrue(!line.contains(StubServices.HIDDEN_ID), "never a case the person may not see: " + line);
                    if (line.startsWith("data:")
                            && line.contains(StubServices.CASE_ID)
                            && line.contains("HopAcknowledged")) {
                        seen = line;
                        break;
                    }
                }
            }
        }
        assertNotNull(seen, "the change arrived on the stream");
        assertTrue(seen.contains("\"type\":\"HopAcknowledged\""), seen);
        assertTrue(!seen.contains("data\":{"), "only that the case changed, not the event's content");
        // incident-service was asked with the person's own token, for both cases (the two topics are read
        // independently, so the hidden case's question may come a moment after the visible one's answer).
        java.util.List<java.util.Map<String, Object>> asked = java.util.List.of();
        Instant askedBy = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(askedBy)) {
            asked = Upstream.received().stream()
                    .filter(r -> String.valueOf(r.get("path")).startsWith("/incident/api/incidents/"))
                    .toList();
            if (asked.stream().anyMatch(r -> r.get("path").toString().endsWith(StubServices.HIDDEN_ID))) {
                break;
            }
            Thread.sleep(200);
        }
        assertTrue(
                asked.stream()
                        .anyMatch(r -> r.get("path").toString().endsWith(StubServices.CASE_ID)
                                && ("Bearer " + token).equals(r.get("authorization"))),
                String.valueOf(asked));
        assertTrue(
                asked.stream().anyMatch(r -> r.get("path").toString().endsWith(StubServices.HIDDEN_ID)),
                "the hidden case was checked and refused");
        // Drain a moment longer: the refused case never shows up.
        String line;
        Instant stop = Instant.now().plus(Duration.ofSeconds(2));
        while (Instant.now().isBefore(stop) && (line = lines.poll(500, TimeUnit.MILLISECONDS)) != null) {
            assertTrue(!line.contains(StubServices.HIDDEN_ID), line);
        }
    }

    private static String event(String name, String incidentId) {
        return jp.horenso.web.common.Upstream.json(Map.of(
                "specversion",
                "1.0",
                "id",
                UUID.randomUUID().toString(),
                "source",
                "/horenso/test",
                "type",
                "jp.horenso." + name,
                "subject",
                incidentId,
                "organisation",
                "demo-city",
                "data",
                Map.of("incidentId", incidentId, "secret", "must not travel")));
    }
}
