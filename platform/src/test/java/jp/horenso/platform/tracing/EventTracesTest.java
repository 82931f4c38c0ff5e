package jp.horenso.platform.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import jp.horenso.platform.events.CloudEvents;
import jp.horenso.platform.support.TestConfig;
import org.junit.jupiter.api.Test;

/** How the trace context is found in a stored CloudEvent (narrow: no broker, no SDK). */
class EventTracesTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void theEnvelopesTraceparentIsFoundBeforeTheData() {
        String event = "{\"specversion\":\"1.0\",\"organisation\":\"demo-city\",\"traceparent\":\"" + TRACEPARENT
                + "\",\"datacontenttype\":\"application/json\",\"data\":{\"n\":1}}";
        assertEquals(TRACEPARENT, EventTraces.traceparentOf(event));
    }

    @Test
    void aTraceparentInsideTheDataOrMalformedIsNotTheEvents() {
        assertNull(EventTraces.traceparentOf(
                "{\"specversion\":\"1.0\",\"data\":{\"traceparent\":\"" + TRACEPARENT + "\"}}"));
        assertNull(EventTraces.traceparentOf(
                "{\"traceparent\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7\",\"data\":{}}"));
        assertNull(EventTraces.traceparentOf("{\"traceparent\":\"01-" + TRACEPARENT.substring(3) + "\",\"data\":{}}"));
        assertNull(EventTraces.traceparentOf("{\"data\":{}}"));
        assertNull(EventTraces.traceparentOf(null));
    }

    @Test
    void theParentContextNamesTheWritersSpanAsARemoteParent() {
        SpanContext parent = Span.fromContext(EventTraces.parentOf(TRACEPARENT)).getSpanContext();
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", parent.getTraceId());
        assertEquals("00f067aa0ba902b7", parent.getSpanId());
        assertEquals(true, parent.isRemote());
        assertEquals(true, parent.isSampled());
    }

    @Test
    void untracedWritersStoreNoTraceparent() {
        CloudEvents events = new CloudEvents(
                new ObjectMapper(),
                null,
                new TestConfig("test-service", "test-events", Duration.ofMillis(20), Duration.ofSeconds(5)));
        String written =
                events.write(UUID.randomUUID(), "Tested", "demo-city", "case-1", Instant.now(), Map.of("n", 1));
        assertFalse(written.contains("traceparent"), written);
    }
}
