package jp.horenso.systemtests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import jp.horenso.localstack.Ports;

/**
 * A tracing back end as small as the system tests need: an OTLP/HTTP receiver ({@code POST …/v1/traces}, body a
 * protobuf {@code ExportTraceServiceRequest}) on a free port, which the three services export their spans to during
 * the system tests (what Quarkus's exporter sends with {@code quarkus.otel.exporter.otlp.traces.protocol=http/protobuf}:
 * the endpoint's path + {@code /v1/traces}, {@code application/x-protobuf}, gzip only when configured).
 *
 * <p>It keeps only the spans of the traces a test {@link #watch watches} (every other request of the run is traced
 * too, and would only fill memory). The protobuf is read by the small reader below rather than with
 * {@code io.opentelemetry.proto:opentelemetry-proto} + protobuf-java: eight fields of OTLP v1 (stable; their numbers
 * can no longer change) are all it needs, and no dependency has to be fetched or managed for it.
 */
final class OtlpTraceReceiver implements AutoCloseable {

    /** The OTLP span kinds (opentelemetry/proto/trace/v1/trace.proto, {@code Span.SpanKind}). */
    enum Kind {
        UNSPECIFIED,
        INTERNAL,
        SERVER,
        CLIENT,
        PRODUCER,
        CONSUMER
    }

    /**
     * A span as exported: the {@code service.name} of its resource, ids in lower-case hex ({@code parentSpanId}
     * empty for a root span), name, kind and the attributes whose values are scalars (as text).
     */
    record ReceivedSpan(
            String service,
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            Kind kind,
            Map<String, String> attributes) {

        @Override
        public String toString() {
            return service + " " + kind + " \"" + name + "\" " + spanId + " ← "
                    + (parentSpanId.isEmpty() ? "(root)" : parentSpanId);
        }
    }

    private final HttpServer server;
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private final List<ReceivedSpan> kept = new CopyOnWriteArrayList<>();
    private final AtomicLong exports = new AtomicLong();
    private final AtomicLong spans = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    private OtlpTraceReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpTraceReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Ports.free()), 0);
            OtlpTraceReceiver receiver = new OtlpTraceReceiver(server);
            server.createContext("/", receiver::handle);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the OTLP receiver", e);
        }
    }

    /** The OTLP/HTTP endpoint the exporters are given ({@code /v1/traces} is appended by them). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Keeps every span of this trace (32 hex digits) received from now on. */
    void watch(String traceId) {
        watched.add(traceId);
    }

    /** The spans of a watched trace received so far. */
    List<ReceivedSpan> spansOf(String traceId) {
        return kept.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /** What was received in the whole run, for failure messages. */
    String summary() {
        return exports.get() + " export requests, " + spans.get() + " spans, " + refused.get()
                + " refused requests, at " + endpoint() + "/v1/traces";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (!"POST".equals(exchange.getRequestMethod())
                    || !exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body;
            try (InputStream in =
                    "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                            ? new GZIPInputStream(exchange.getRequestBody())
                            : exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            List<ReceivedSpan> received;
            try {
                received = decode(body);
            } catch (RuntimeException e) {
                refused.incrementAndGet();
                System.out.println("[otlp] could not read an export request of " + body.length + " bytes: " + e);
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            exports.incrementAndGet();
            spans.addAndGet(received.size());
            for (ReceivedSpan span : received) {
                if (watched.contains(span.traceId())) {
                    kept.add(span);
                }
            }
            // An empty ExportTraceServiceResponse: everything accepted.
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // --- the protobuf, as far as needed (opentelemetry/proto/collector/trace/v1 and trace/v1, resource/v1, common/v1)

    /** {@code ExportTraceServiceRequest}: 1 = repeated ResourceSpans. */
    static List<ReceivedSpan> decode(byte[] body) {
        List<ReceivedSpan> spans = new ArrayList<>();
        Reader request = new Reader(body, 0, body.length);
        while (request.more()) {
            int tag = request.tag();
            if (tag == field(1, LEN)) {
                resourceSpans(request.message(), spans);
            } else {
                request.skip(tag);
            }
        }
        return spans;
    }

    /** {@code ResourceSpans}: 1 = Resource, 2 = repeated ScopeSpans. */
    private static void resourceSpans(Reader message, List<ReceivedSpan> into) {
        Map<String, String> resource = Map.of();
        List<Reader> scopes = new ArrayList<>();
        while (message.more()) {
            int tag = message.tag();
            if (tag == field(1, LEN)) {
                resource = attributes(message.message(), 1);
            } else if (tag == field(2, LEN)) {
                scopes.add(message.message());
            } else {
                message.skip(tag);
            }
        }
        String service = resource.getOrDefault("service.name", "?");
        for (Reader scope : scopes) {
            // ScopeSpans: 2 = repeated Span.
            while (scope.more()) {
                int tag = scope.tag();
                if (tag == field(2, LEN)) {
                    into.add(span(scope.message(), service));
                } else {
                    scope.skip(tag);
                }
            }
        }
    }

    /**
     * {@code Span}: 1 = trace_id, 2 = span_id, 4 = parent_span_id (bytes), 5 = name, 6 = kind (enum), 9 = repeated
     * KeyValue attributes.
     */
    private static ReceivedSpan span(Reader message, String service) {
        String traceId = "";
        String spanId = "";
        String parentSpanId = "";
        String name = "";
        Kind kind = Kind.UNSPECIFIED;
        Map<String, String> attributes = new LinkedHashMap<>();
        while (message.more()) {
            int tag = message.tag();
            if (tag == field(1, LEN)) {
                traceId = HexFormat.of().formatHex(message.bytes());
            } else if (tag == field(2, LEN)) {
                spanId = HexFormat.of().formatHex(message.bytes());
            } else if (tag == field(4, LEN)) {
                parentSpanId = HexFormat.of().formatHex(message.bytes());
            } else if (tag == field(5, LEN)) {
                name = message.string();
            } else if (tag == field(6, VARINT)) {
                int number = (int) message.varint();
                kind = number >= 0 && number < Kind.values().length ? Kind.values()[number] : Kind.UNSPECIFIED;
            } else if (tag == field(9, LEN)) {
                keyValue(message.message(), attributes);
            } else {
                message.skip(tag);
            }
        }
        return new ReceivedSpan(service, traceId, spanId, parentSpanId, name, kind, Map.copyOf(attributes));
    }

    /** The KeyValues in field {@code number} of a message (Resource: 1 = repeated KeyValue attributes). */
    private static Map<String, String> attributes(Reader message, int number) {
        Map<String, String> attributes = new LinkedHashMap<>();
        while (message.more()) {
            int tag = message.tag();
            if (tag == field(number, LEN)) {
                keyValue(message.message(), attributes);
            } else {
                message.skip(tag);
            }
        }
        return attributes;
    }

    /**
     * {@code KeyValue}: 1 = key, 2 = AnyValue (1 = string, 2 = bool, 3 = int64, 4 = double; arrays, lists and
     * bytes are left out).
     */
    private static void keyValue(Reader message, Map<String, String> into) {
        String key = null;
        String value = null;
        while (message.more()) {
            int tag = message.tag();
            if (tag == field(1, LEN)) {
                key = message.string();
            } else if (tag == field(2, LEN)) {
                Reader any = message.message();
                while (any.more()) {
                    int anyTag = any.tag();
                    if (anyTag == field(1, LEN)) {
                        value = any.string();
                    } else if (anyTag == field(2, VARINT)) {
                        value = Boolean.toString(any.varint() != 0);
                    } else if (anyTag == field(3, VARINT)) {
                        value = Long.toString(any.varint());
                    } else if (anyTag == field(4, I64)) {
                        value = Double.toString(Double.longBitsToDouble(any.fixed64()));
                    } else {
                        any.skip(anyTag);
                    }
                }
            } else {
                message.skip(tag);
            }
        }
        if (key != null && value != null) {
            into.put(key, value);
        }
    }

    private static final int VARINT = 0;
    private static final int I64 = 1;
    private static final int LEN = 2;
    private static final int I32 = 5;

    private static int field(int number, int wireType) {
        return number << 3 | wireType;
    }

    /** The protobuf wire format over a slice of a byte array. */
    private static final class Reader {

        private final byte[] buffer;
        private int position;
        private final int end;

        Reader(byte[] buffer, int position, int end) {
            this.buffer = buffer;
            this.position = position;
            this.end = end;
        }

        boolean more() {
            return position < end;
        }

        int tag() {
            long tag = varint();
            if (tag <= 0 || tag > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("bad tag " + tag + " at " + position);
            }
            return (int) tag;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = next();
                value |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint longer than 10 bytes at " + position);
        }

        long fixed64() {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value |= (long) (next() & 0xff) << (8 * i);
            }
            return value;
        }

        /** A length-delimited field's content as a reader of its own. */
        Reader message() {
            int length = length();
            Reader inner = new Reader(buffer, position, position + length);
            position += length;
            return inner;
        }

        byte[] bytes() {
            int length = length();
            byte[] bytes = java.util.Arrays.copyOfRange(buffer, position, position + length);
            position += length;
            return bytes;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        void skip(int tag) {
            switch (tag & 7) {
                case VARINT -> varint();
                case I64 -> advance(8);
                case LEN -> advance(length());
                case I32 -> advance(4);
                default -> throw new IllegalArgumentException("wire type " + (tag & 7) + " at " + position);
            }
        }

        private int length() {
            long length = varint();
            if (length < 0 || length > end - position) {
                throw new IllegalArgumentException("length " + length + " beyond the message at " + position);
            }
            return (int) length;
        }

        private void advance(int bytes) {
            if (bytes > end - position) {
                throw new IllegalArgumentException("field beyond the message at " + position);
            }
            position += bytes;
        }

        private byte next() {
            if (position >= end) {
                throw new IllegalArgumentException("message ends inside a field");
            }
            return buffer[position++];
        }
    }
}
