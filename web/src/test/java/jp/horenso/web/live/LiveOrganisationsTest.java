package jp.horenso.web.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jp.horenso.web.support.StubServices;
import jp.horenso.web.support.Tokens;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Organisations sealed from each other on the live stream (issue 12), over the real broker: an event of デモ市議会
 * (demo-gikai) never reaches a デモ市 (demo-city) viewer — even for a case incident-service would answer for — and
 * the other way round; an event without its organisation reaches nobody; a token without organisation opens no
 * stream. The stand-in incident-service lets everyone see {@link StubServices#CASE_ID}, so only the organisation
 * filter keeps the foreign events out: remove it and these tests fail.
 */
@QuarkusTest
class LiveOrganisationsTest {

    @TestHTTPResource("/events")
    URL events;

    @Test
    void anEventOfDemoGikaiNeverReachesADemoCityViewerAndTheirOwnEventsDo() throws Exception {
        BlockingQueue<String> city = open(Tokens.csirt1());
        BlockingQueue<String> gikai = open(Tokens.gikaiCsirt1());
        List<String> cityLines = new ArrayList<>();
        List<String> gikaiLines = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            boolean citySaw = false;
            boolean gikaiSaw = false;
            Instant until = Instant.now().plusSeconds(60);
            while (!(citySaw && gikaiSaw) && Instant.now().isBefore(until)) {
                // The foreign events first on each topic, then each organisation's own.
                producer.send(record("horenso.incident-events", "demo-gikai", "GikaiOnlyRecordUpdated"));
                producer.send(record("horenso.escalation-events", "demo-gikai", "GikaiOnlyHopAcknowledged"));
                producer.send(record("horenso.incident-events", "demo-city", "CityOnlyRecordUpdated"));
                producer.send(record("horenso.escalation-events", "demo-city", "CityOnlyHopAcknowledged"))
                        .get();
                citySaw |= drain(city, cityLines, "CityOnly");
                gikaiSaw |= drain(gikai, gikaiLines, "GikaiOnly");
            }
            assertTrue(citySaw, "a demo-city event reached the demo-city viewer: " + cityLines);
            assertTrue(gikaiSaw, "a demo-gikai event reached the demo-gikai viewer: " + gikaiLines);
        }
        // A little longer, then: not one foreign event on either stream.
        drain(city, cityLines, "nothing");
        drain(gikai, gikaiLines, "nothing");
        assertFalse(cityLines.stream().anyMatch(l -> l.contains("GikaiOnly")), "leak to demo-city: " + cityLines);
        assertFalse(gikaiLines.stream().anyMatch(l -> l.contains("CityOnly")), "leak to demo-gikai: " + gikaiLines);
        assertFalse(cityLines.stream().anyMatch(l -> l.contains("organisation")), "only id and type travel");
    }

    @Test
    void anEventWithoutItsOrganisationReachesNobody() throws Exception {
        BlockingQueue<String> city = open(Tokens.csirt1());
        List<String> lines = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            boolean marker = false;
            Instant until = Instant.now().plusSeconds(60);
            while (!marker && Instant.now().isBefore(until)) {
                producer.send(record("horenso.incident-events", null, "NoOrganisationRecordUpdated"));
                producer.send(record("horenso.incident-events", "demo-city", "MarkerAfterTheUnnamedOne"))
                        .get();
                marker = drain(city, lines, "MarkerAfterTheUnnamedOne");
            }
            assertTrue(marker, "the stream was alive: " + lines);
        }
        assertFalse(lines.stream().anyMatch(l -> l.contains("NoOrganisation")), String.valueOf(lines));
    }

    @Test
    void theInstallationAdministratorsStreamCarriesNoOrganisationsCases() throws Exception {
        BlockingQueue<String> admin = open(Tokens.installationAdmin());
        BlockingQueue<String> city = open(Tokens.csirt1());
        List<String> adminLines = new ArrayList<>();
        List<String> cityLines = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            boolean citySaw = false;
            Instant until = Instant.now().plusSeconds(60);
            while (!citySaw && Instant.now().isBefore(until)) {
                producer.send(record("horenso.incident-events", "demo-city", "SeenByTheCityOnly"))
                        .get();
                citySaw = drain(city, cityLines, "SeenByTheCityOnly");
            }
            assertTrue(citySaw, "the event was on the broker: " + cityLines);
        }
        drain(admin, adminLines, "nothing");
        assertEquals(List.of(), adminLines, "the installation administrator sees no cases");
    }

    @Test
    void aTokenWithoutOrganisationOpensNoStream() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(events.toString()))
                                .header("Authorization", "Bearer " + Tokens.of(null, "nobody", "x", "csirt"))
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("caller.without-organisation"), response.body());
    }

    private BlockingQueue<String> open(String token) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(events.toString()))
                                .header("Authorization", "Bearer " + token)
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode(), "stream opened");
        Thread reader = new Thread(() -> response.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** Reads what arrived for two seconds at most; true once a data line contains {@code wanted}. */
    private static boolean drain(BlockingQueue<String> queue, List<String> into, String wanted)
            throws InterruptedException {
        boolean found = false;
        String line;
        Instant stop = Instant.now().plusSeconds(2);
        while (Instant.now().isBefore(stop) && (line = queue.poll(250, TimeUnit.MILLISECONDS)) != null) {
            if (line.startsWith("data:")) {
                into.add(line);
                found |= line.contains(wanted);
            }
        }
        return found;
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static ProducerRecord<String, String> record(String topic, String organisation, String type) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", UUID.randomUUID().toString());
        event.put("source", "/horenso/test");
        event.put("type", "jp.horenso." + type);
        event.put("subject", StubServices.CASE_ID);
        if (organisation != null) {
            event.put("organisation", organisation);
        }
        event.put("data", Map.of("incidentId", StubServices.CASE_ID));
        return new ProducerRecord<>(topic, StubServices.CASE_ID, jp.horenso.web.common.Upstream.json(event));
    }
}
