package jp.horenso.localstack.testing;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every span a service ended, kept in memory, for the services' {@code @QuarkusTest}s of their part of a report's
 * trace (docs/observability.md). Quarkus adds SpanProcessor beans to its tracer provider, so it records only while
 * the OpenTelemetry SDK is on (the tests' profile); off elsewhere.
 *
 * <p>Each service declares the bean in its own test sources as {@code @Singleton class CollectedSpans extends
 * InMemorySpans {}}: Quarkus discovers beans only in bean archives, and this jar is not one (marking it would make
 * every module that tests with local-stack index it, the web console too, which has no OpenTelemetry).
 */
public abstract class InMemorySpans implements SpanProcessor {

    private final List<SpanData> ended = new CopyOnWriteArrayList<>();

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        ended.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    /** The ended span with this id. */
    public Optional<SpanData> withId(String spanId) {
        return ended.stream().filter(s -> s.getSpanId().equals(spanId)).findFirst();
    }

    /** The ended spans of one trace. */
    public List<SpanData> ofTrace(String traceId) {
        return ended.stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    /**
     * The parent at the top of a span's ancestry among the ended spans: the span outside this service (another
     * service's, or the caller's) that the service's part of the trace hangs from.
     */
    public String rootParentOf(SpanData span) {
        Set<String> seen = new HashSet<>();
        SpanData current = span;
        while (seen.add(current.getSpanId())) {
            Optional<SpanData> next = withId(current.getParentSpanId());
            if (next.isEmpty()) {
                return current.getParentSpanId();
            }
            current = next.get();
        }
        throw new AssertionError("a cycle in the spans' parents");
    }
}
