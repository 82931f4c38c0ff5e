package jp.horenso.notification.delivery.service;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.interceptor.Interceptor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import jp.horenso.notification.delivery.channel.OutgoingMessage;
import jp.horenso.platform.tracing.EventTraces;

/**
 * Continues a report's trace to the send: the notification table is a queue the delivery worker reads on its own
 * thread, so the trace of the event that stored a notification is remembered here (in memory, by notification id,
 * the newest {@value #REMEMBERED}) and the send's span is its child. A notification sent after a restart, or a
 * retry long after, starts a trace of its own; nothing is stored in the database.
 */
@ApplicationScoped
public class DeliveryTraces {

    static final int REMEMBERED = 10_000;

    private final Tracer tracer;
    private final Map<UUID, SpanContext> stored = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, SpanContext> eldest) {
            return size() > REMEMBERED;
        }
    };

    public DeliveryTraces(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * On the thread that committed the notification: the consumer's span of the event that asked for it. Before the
     * delivery worker's wake-up (a lower priority is notified first), so a send never starts before its trace is
     * remembered.
     */
    void onStored(
            @Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(Interceptor.Priority.APPLICATION)
                    NotificationStored notification) {
        if (!EventTraces.enabled()) {
            return;
        }
        SpanContext current = Span.current().getSpanContext();
        if (current.isValid()) {
            synchronized (stored) {
                stored.put(notification.notificationId(), current);
            }
        }
    }

    /** The span of one delivery attempt, current until closed. */
    public Sending sending(OutgoingMessage message) {
        if (!EventTraces.enabled()) {
            return Sending.NONE;
        }
        SpanContext parent;
        synchronized (stored) {
            parent = stored.get(message.notificationId());
        }
        if (parent == null && !Span.current().getSpanContext().isValid()) {
            // Not part of a traced report: no span (a root span per retry would only add noise and cost).
            return Sending.NONE;
        }
        Context context = parent == null ? Context.current() : Context.root().with(Span.wrap(parent));
        Span span = tracer.spanBuilder(
                        "notification send " + message.channel().name().toLowerCase())
                .setParent(context)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(
                        "horenso.notification.id", message.notificationId().toString())
                .setAttribute("horenso.notification.channel", message.channel().name())
                .setAttribute("horenso.notification.attempt", message.attempt())
                .startSpan();
        return new Sending(span, span.makeCurrent());
    }

    /** One attempt's span. */
    public record Sending(Span span, Scope scope) implements AutoCloseable {

        static final Sending NONE = new Sending(null, null);

        public void failed(Throwable failure) {
            if (span != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR);
            }
        }

        @Override
        public void close() {
            if (span != null) {
                scope.close();
                span.end();
            }
        }
    }
}
