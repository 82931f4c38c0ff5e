package jp.horenso.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.regex.Pattern;
import jp.horenso.platform.events.IncomingEvent;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.MDC;

/**
 * Carries a report's trace across the transactional outbox, which breaks automatic propagation (the relay publishes
 * later, on another thread): the writer's W3C {@code traceparent} travels inside the stored CloudEvent as the
 * CloudEvents distributed-tracing extension attribute {@value #TRACEPARENT}; the relay copies it into the Kafka
 * header of the same name, and a consumer handles the event in a span that is its child. No table changes.
 *
 * <p>With the OpenTelemetry SDK off (the default unless a collector is configured) this makes no span, no event
 * carries a {@code traceparent}, and it costs nothing per record.
 */
@ApplicationScoped
public class EventTraces {

    /** The CloudEvents extension attribute and the Kafka header with the writer's W3C trace context. */
    public static final String TRACEPARENT = "traceparent";

    private static final Pattern FORMAT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String ATTRIBUTE = "\"" + TRACEPARENT + "\":\"";
    private static final int LENGTH = 55;

    /**
     * Whether this application traces. Quarkus's "disabled" SDK still makes real, unexported spans; Horenso makes
     * none, writes no {@code traceparent} and sets no MDC unless the SDK is on.
     */
    private static volatile boolean enabled;

    private final Tracer tracer;

    @Inject
    public EventTraces(Tracer tracer, Config config) {
        boolean on = !config.getOptionalValue("quarkus.otel.sdk.disabled", Boolean.class)
                .orElse(false);
        this.tracer = on ? tracer : null;
        enabled = on;
    }

    private EventTraces() {
        this.tracer = null;
    }

    /** Traces nothing (plain unit tests). */
    public static EventTraces off() {
        return new EventTraces();
    }

    /** Decided at start-up, before the first event is written. */
    void started(@Observes StartupEvent startup) {}

    /** Whether this application traces (the OpenTelemetry SDK is on). */
    public static boolean enabled() {
        return enabled;
    }

    /** The W3C {@code traceparent} of the current span, or {@code null} when nothing is traced. */
    public static String currentTraceparent() {
        if (!enabled) {
            return null;
        }
        SpanContext context = Span.current().getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-"
                + context.getTraceFlags().asHex();
    }

    /**
     * The {@code traceparent} attribute of a CloudEvent in structured JSON as Horenso writes it (before
     * {@code data}), or {@code null}: a string search, no parsing.
     */
    public static String traceparentOf(String json) {
        if (json == null) {
            return null;
        }
        int at = json.indexOf(ATTRIBUTE);
        if (at < 0) {
            return null;
        }
        int data = json.indexOf("\"data\":");
        if (data >= 0 && data < at) {
            return null; // a field of the data, not the envelope's attribute
        }
        int start = at + ATTRIBUTE.length();
        if (json.length() < start + LENGTH) {
            return null;
        }
        String value = json.substring(start, start + LENGTH);
        return FORMAT.matcher(value).matches() ? value : null;
    }

    /** The remote span a {@code traceparent} names, as a parent context. */
    public static Context parentOf(String traceparent) {
        SpanContext remote = SpanContext.createFromRemoteParent(
                traceparent.substring(3, 35),
                traceparent.substring(36, 52),
                TraceFlags.fromHex(traceparent, 53),
                TraceState.getDefault());
        return Context.root().with(Span.wrap(remote));
    }

    /**
     * Starts the span in which a consumer handles {@code event} (read from {@code record}) and makes it current, so
     * what the handler writes to its own outbox carries it on. Its parent is the writer's span named in the event,
     * or the messaging connector's span when that is already in the same trace.
     */
    public Handling handling(String record, IncomingEvent event) {
        if (tracer == null) {
            return Handling.NONE;
        }
        String traceparent = traceparentOf(record);
        SpanContext current = Span.current().getSpanContext();
        Context parent;
        if (traceparent == null) {
            parent = Context.current();
        } else if (current.isValid() && traceparent.regionMatches(3, current.getTraceId(), 0, 32)) {
            parent = Context.current();
        } else {
            parent = parentOf(traceparent);
        }
        Span span = tracer.spanBuilder(event.name() + " process")
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.message.id", event.id().toString())
                .setAttribute("cloudevents.event_id", event.id().toString())
                .setAttribute("cloudevents.event_type", event.type())
                .setAttribute("cloudevents.event_source", event.source())
                .setAttribute("horenso.organisation", event.organisation())
                .startSpan();
        return new Handling(span, span.makeCurrent());
    }

    /** A consumer's span, current until closed; also puts its ids into the log MDC (JSON log lines carry them). */
    public static final class Handling implements AutoCloseable {

        static final Handling NONE = new Handling(null, null);

        private final Span span;
        private final Scope scope;
        private final Object traceIdBefore;
        private final Object spanIdBefore;

        Handling(Span span, Scope scope) {
            this.span = span;
            this.scope = scope;
            if (span != null && span.getSpanContext().isValid()) {
                traceIdBefore = MDC.get("traceId");
                spanIdBefore = MDC.get("spanId");
                MDC.put("traceId", span.getSpanContext().getTraceId());
                MDC.put("spanId", span.getSpanContext().getSpanId());
            } else {
                traceIdBefore = null;
                spanIdBefore = null;
            }
        }

        /** Marks the span failed (the event is retried or dead-lettered). */
        public void failed(Throwable failure) {
            if (span != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR);
            }
        }

        @Override
        public void close() {
            if (span == null) {
                return;
            }
            scope.close();
            span.end();
            if (span.getSpanContext().isValid()) {
                restore("traceId", traceIdBefore);
                restore("spanId", spanIdBefore);
            }
        }

        private static void restore(String key, Object before) {
            if (before == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, before);
            }
        }
    }
}
