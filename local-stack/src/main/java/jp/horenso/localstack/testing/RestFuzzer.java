package jp.horenso.localstack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import jp.horenso.localstack.testing.OpenApiOperations.Operation;
import jp.horenso.localstack.testing.OpenApiOperations.Parameter;

/**
 * A seeded fuzzer of a running service's REST API, driven by the service's own OpenAPI document: every operation
 * it lists is called, in turn, with malformed requests — bodies (not JSON, truncated, duplicate keys, deep nesting,
 * wrong root, wrong types, nulls, missing required fields, invalid UUIDs/dates/enums, very long or odd Unicode
 * texts, unknown fields), headers (wrong {@code Content-Type}/{@code Accept}, odd {@code Accept-Language},
 * {@code Idempotency-Key}, {@code X-Correlation-Id}, missing or wrong tokens) and path and query parameters
 * (invalid ids, injections, overlong values). Each answer must be a 4xx {@code application/problem+json} with a
 * title in the language asked for (Japanese by default), never a 5xx; after a 4xx nothing may have been stored
 * (the {@link #state(Supplier) state} the test supplies is unchanged).
 *
 * <p>The same seed gives the same requests (up to values the service itself hands out): the seed is printed with
 * the report and is read from {@code -Dfuzz.seed}; {@code -Dfuzz.requests} sets the number of requests.
 */
public final class RestFuzzer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern JAPANESE = Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]");
    private static final int MAX_READ = 2_000_000;
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final Duration QUIET_AT_MOST = Duration.ofSeconds(90);

    /** A caller: a name for the report and the {@code Authorization} header it sends (null: none). */
    public record Caller(String name, String authorization, boolean legitimate) {}

    private final URI base;
    private final String service;
    private final List<Caller> callers = new ArrayList<>();
    private final Map<String, List<String>> knownValues = new HashMap<>();
    private Supplier<? extends Map<String, String>> state;
    private Supplier<Object> writeMark;
    private Predicate<Operation> skip = op -> false;
    private long seed = Long.getLong("fuzz.seed", 20261206L);
    private int requests = 1000;
    private Duration timeout = Duration.ofSeconds(30);

    private RestFuzzer(String service, URI base) {
        this.service = service;
        this.base = base;
    }

    public static RestFuzzer against(String service, URI base) {
        return new RestFuzzer(service, base);
    }

    /** The default seed of this run, unless {@code -Dfuzz.seed} names another. */
    public RestFuzzer seed(long defaultSeed) {
        this.seed = Long.getLong("fuzz.seed", defaultSeed);
        return this;
    }

    /** The number of requests of this run, unless {@code -Dfuzz.requests} names another. */
    public RestFuzzer requests(int defaultRequests) {
        this.requests = Integer.getInteger("fuzz.requests", defaultRequests);
        return this;
    }

    /** A person of a legitimate role of the right organisation ({@code authorization}: "Bearer …" or null). */
    public RestFuzzer caller(String name, String authorization) {
        callers.add(new Caller(name, authorization, true));
        return this;
    }

    /** A caller that must be refused (no token, a token for another audience, …). */
    public RestFuzzer intruder(String name, String authorization) {
        callers.add(new Caller(name, authorization, false));
        return this;
    }

    /** Values that exist for path or query parameters named {@code name} (so some requests get past lookups). */
    public RestFuzzer known(String name, String... values) {
        knownValues.computeIfAbsent(name, k -> new ArrayList<>()).addAll(List.of(values));
        return this;
    }

    /** What is stored, compared before and after each request answered 4xx. */
    public RestFuzzer state(Supplier<? extends Map<String, String>> state) {
        this.state = state;
        return this;
    }

    /**
     * What is stored ({@code fingerprints}), read again only when the database's write mark moved: a request
     * that wrote nothing anywhere leaves it where it was, so the tables need not be read after each request.
     */
    public RestFuzzer state(TableFingerprints fingerprints) {
        this.state = fingerprints;
        this.writeMark = fingerprints::writeMark;
        return this;
    }

    /** Operations not to call (e.g. an endpoint that streams for ever). */
    public RestFuzzer skip(Predicate<Operation> skip) {
        this.skip = skip;
        return this;
    }

    public RestFuzzer timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Runs the fuzz cases and returns what was seen; {@link Report#assertClean()} fails on any violation. */
    public Report run() {
        if (callers.isEmpty()) {
            caller("anonymous", null);
        }
        OpenApiOperations api = OpenApiOperations.of(base);
        List<Operation> operations =
                new ArrayList<>(api.operations().stream().filter(skip.negate()).toList());
        operations.sort((a, b) -> a.toString().compareTo(b.toString()));
        SplittableRandom random = new SplittableRandom(seed);
        Collections.shuffle(operations, new java.util.Random(seed));
        Report report = new Report(service, seed, operations.size());
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        // Work the service still does for earlier tests (events consumed late, a chain opening its next hops)
        // would be taken for a request's doing: start only once the stored state has been still for a while.
        Map<String, String> before = state == null ? null : quiet(state);
        // The cheap mark first (did any transaction write since?), the tables' fingerprints only when it moved.
        Object mark = writeMark == null ? null : writeMark.get();
        long started = System.nanoTime();
        for (int n = 0; n < requests; n++) {
            Operation op = operations.get(n % operations.size());
            FuzzCase fuzzCase = new Generator(api, op, random.split(), callers, knownValues).generate(n);
            Outcome outcome = send(client, fuzzCase);
            report.record(fuzzCase, outcome);
            if (state != null) {
                Object markNow = writeMark == null ? null : writeMark.get();
                if (writeMark != null && Objects.equals(mark, markNow)) {
                    continue;
                }
                mark = markNow;
                Map<String, String> after = state.get();
                if (outcome.status >= 400 && outcome.status < 500 && !after.equals(before)) {
                    report.violation(fuzzCase, outcome, "stored after " + outcome.status + ": " + diff(before, after));
                }
                before = after;
            }
        }
        report.seconds = (System.nanoTime() - started) / 1e9;
        return report;
    }

    /** The state once it has not changed for {@link #QUIET} (at most {@link #QUIET_AT_MOST} of waiting). */
    private static Map<String, String> quiet(Supplier<? extends Map<String, String>> state) {
        long deadline = System.nanoTime() + QUIET_AT_MOST.toNanos();
        Map<String, String> seen = state.get();
        while (true) {
            try {
                Thread.sleep(QUIET.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Map<String, String> now = state.get();
            if (now.equals(seen)) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the stored state did not come to rest within " + QUIET_AT_MOST
                        + " before fuzzing; last change: " + diff(seen, now));
            }
            seen = now;
        }
    }

    private static String diff(Map<String, String> before, Map<String, String> after) {
        Map<String, String> changed = new TreeMap<>();
        for (Map.Entry<String, String> entry : after.entrySet()) {
            String was = before.get(entry.getKey());
            if (!Objects.equals(was, entry.getValue())) {
                changed.put(entry.getKey(), was + " → " + entry.getValue());
            }
        }
        return changed.toString();
    }

    private Outcome send(HttpClient client, FuzzCase fuzzCase) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + fuzzCase.target))
                    .timeout(timeout);
        } catch (IllegalArgumentException e) {
            return new Outcome(-1, null, "unsendable URI: " + e.getMessage());
        }
        HttpRequest.BodyPublisher body = fuzzCase.body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(fuzzCase.body);
        request.method(fuzzCase.method, body);
        for (Map.Entry<String, String> header : fuzzCase.headers.entrySet()) {
            try {
                request.header(header.getKey(), header.getValue());
            } catch (IllegalArgumentException e) {
                // A value the client refuses to put on the wire; the request goes without it.
            }
        }
        HttpRequest built = request.build();
        try {
            return exchange(client, built);
        } catch (IOException first) {
            // The server may close a connection after refusing a request (413, 414): the client then finds the
            // pooled connection dead. Sent once more on a new connection; a second failure is a finding.
            try {
                return exchange(client, built);
            } catch (IOException e) {
                return new Outcome(-2, null, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    private static Outcome exchange(HttpClient client, HttpRequest request) throws IOException {
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            String text;
            try (InputStream in = response.body()) {
                if (contentType.startsWith("text/event-stream")) {
                    text = "";
                } else {
                    text = new String(in.readNBytes(MAX_READ), StandardCharsets.UTF_8);
                }
            }
            return new Outcome(response.statusCode(), contentType, text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One request and what made it malformed. */
    public static final class FuzzCase {
        final int number;
        final Operation operation;
        final Caller caller;
        final String method;
        final String target;
        final Map<String, String> headers;
        final byte[] body;
        final List<String> mutations;
        /** Whether at least one mutation must make a correct service refuse the request. */
        final boolean mustFail;

        final String language;

        FuzzCase(
                int number,
                Operation operation,
                Caller caller,
                String method,
                String target,
                Map<String, String> headers,
                byte[] body,
                List<String> mutations,
                boolean mustFail,
                String language) {
            this.number = number;
            this.operation = operation;
            this.caller = caller;
            this.method = method;
            this.target = target;
            this.headers = headers;
            this.body = body;
            this.mutations = mutations;
            this.mustFail = mustFail;
            this.language = language;
        }

        @Override
        public String toString() {
            String shownBody = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            if (shownBody.length() > 300) {
                shownBody = shownBody.substring(0, 300) + "…(" + body.length + " bytes)";
            }
            String shownTarget = target.length() > 200 ? target.substring(0, 200) + "…" : target;
            return printable("#" + number + " [" + operation + "] as " + caller.name() + " " + method + " "
                    + shownTarget + " " + mutations + " headers=" + abbreviated(headers) + " body=" + shownBody);
        }

        private static Map<String, String> abbreviated(Map<String, String> headers) {
            Map<String, String> shown = new LinkedHashMap<>();
            headers.forEach((k, v) -> shown.put(
                    k,
                    k.equalsIgnoreCase("Authorization") && v.length() > 20
                            ? v.substring(0, 15) + "…"
                            : (v.length() > 60 ? v.substring(0, 60) + "…" : v)));
            return shown;
        }
    }

    record Outcome(int status, String contentType, String body) {}

    /** {@code text} with control characters, invisible marks and lone surrogates escaped, safe for any log. */
    static String printable(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                escaped.append(c).append(text.charAt(++i));
            } else if ((c < 0x20 && c != '\n')
                    || c == 0x7f
                    || Character.isSurrogate(c)
                    || (c >= 0x200b && c <= 0x202e)
                    || c == 0xfeff
                    || c == 0x2028
                    || c == 0x2029) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** What a run saw: statuses, accepted requests, violations. */
    public static final class Report {
        private final String service;
        private final long seed;
        private final int operations;
        private final Map<Integer, Integer> statuses = new TreeMap<>();
        private final List<String> violations = new ArrayList<>();
        private final Map<String, Integer> violationKinds = new TreeMap<>();
        private final Map<String, Integer> acceptedByOperation = new TreeMap<>();
        private final List<String> acceptedWrites = new ArrayList<>();
        private int total;
        private int accepted;
        private int serverErrors;
        private int transportRefusals;
        private int problemAnswers;
        private int pageRefusals;
        private final Map<String, Integer> shown = new HashMap<>();
        private double seconds;

        Report(String service, long seed, int operations) {
            this.service = service;
            this.seed = seed;
            this.operations = operations;
        }

        void record(FuzzCase fuzzCase, Outcome outcome) {
            total++;
            statuses.merge(outcome.status, 1, Integer::sum);
            if (outcome.status < 0) {
                violation(fuzzCase, outcome, "no answer: " + outcome.body);
            } else if (outcome.status >= 500) {
                serverErrors++;
                violation(fuzzCase, outcome, "5xx");
            } else if ((outcome.status == 414 || outcome.status == 431) && outcome.body.isEmpty()) {
                // Refused by the HTTP codec before any request exists (request line or headers too long): Vert.x
                // answers these itself, without a body; counted apart (docs/reliability.md).
                transportRefusals++;
            } else if (outcome.status >= 400
                    && fuzzCase.operation.answersPages()
                    && outcome.contentType != null
                    && outcome.contentType.startsWith("text/html")) {
                // An operation documented as answering only HTML (a page for a person, e.g. the acknowledgement
                // link opened from a mail) refuses with a page saying why: counted apart.
                pageRefusals++;
            } else if (outcome.status >= 400) {
                if (checkProblem(fuzzCase, outcome)) {
                    problemAnswers++;
                }
            } else {
                accepted++;
                acceptedByOperation.merge(fuzzCase.operation.toString(), 1, Integer::sum);
                if (fuzzCase.mustFail) {
                    violation(fuzzCase, outcome, "accepted a malformed request");
                } else if (fuzzCase.operation.writes() && acceptedWrites.size() < 40) {
                    acceptedWrites.add(outcome.status + " " + fuzzCase);
                }
            }
        }

        private boolean checkProblem(FuzzCase fuzzCase, Outcome outcome) {
            if (outcome.contentType == null || !outcome.contentType.startsWith("application/problem+json")) {
                violation(fuzzCase, outcome, "4xx not problem+json (" + outcome.contentType + ")");
                return false;
            }
            JsonNode problem;
            try {
                problem = JSON.readTree(outcome.body);
            } catch (IOException e) {
                violation(fuzzCase, outcome, "problem+json that is not JSON");
                return false;
            }
            String title = problem.path("title").asText("");
            if (title.isBlank()) {
                violation(fuzzCase, outcome, "problem without a title");
            } else if (problem.path("status").asInt() != outcome.status) {
                violation(fuzzCase, outcome, "problem status differs from HTTP status");
            } else if (fuzzCase.language.equals("ja")
                    && !JAPANESE.matcher(title).find()) {
                violation(fuzzCase, outcome, "title not Japanese");
            } else if (fuzzCase.language.equals("en") && JAPANESE.matcher(title).find()) {
                violation(fuzzCase, outcome, "title not English");
            } else {
                return true;
            }
            return false;
        }

        void violation(FuzzCase fuzzCase, Outcome outcome, String what) {
            String kind = what.replaceAll(":.*", "");
            violationKinds.merge(kind, 1, Integer::sum);
            if (shown.merge(kind, 1, Integer::sum) <= 8) {
                String body = outcome.body == null ? "" : outcome.body;
                violations.add(
                        printable(what) + "\n    " + fuzzCase + "\n    → " + outcome.status + " " + outcome.contentType
                                + " " + printable(body.length() > 400 ? body.substring(0, 400) + "…" : body));
            }
        }

        public int total() {
            return total;
        }

        public int serverErrors() {
            return serverErrors;
        }

        public int accepted() {
            return accepted;
        }

        /** Answers of the HTTP codec itself (414, 431 without a body), before the application saw a request. */
        public int transportRefusals() {
            return transportRefusals;
        }

        /** Answers that were 4xx problem+json with a title in the language asked for. */
        public int problemAnswers() {
            return problemAnswers;
        }

        /** Every 4xx answer. */
        public int refused() {
            return statuses.entrySet().stream()
                    .filter(e -> e.getKey() >= 400 && e.getKey() < 500)
                    .mapToInt(Map.Entry::getValue)
                    .sum();
        }

        public List<String> violations() {
            return violations;
        }

        /** One line with the figures, and the seed to replay. */
        public String summary() {
            return String.format(
                    Locale.ROOT,
                    "fuzz %s: seed %d, %d operations, %d requests in %.0f s: %d answered 4xx problem+json, %d accepted"
                            + " (2xx/3xx), %d refused by the HTTP codec (414/431), %d refused with an HTML page (pages-only"
                            + " operations), %d × 5xx, violations %s, statuses %s",
                    service,
                    seed,
                    operations,
                    total,
                    seconds,
                    problemAnswers,
                    accepted,
                    transportRefusals,
                    pageRefusals,
                    serverErrors,
                    violationKinds,
                    statuses);
        }

        /** The summary, the accepted writes (for review) and the first violations. */
        public String details() {
            StringBuilder text = new StringBuilder(summary()).append('\n');
            text.append("accepted by operation: ").append(acceptedByOperation).append('\n');
            for (String write : acceptedWrites) {
                text.append("  accepted write: ").append(write).append('\n');
            }
            for (String violation : violations) {
                text.append("  VIOLATION ").append(violation).append('\n');
            }
            text.append("replay: -Dfuzz.seed=")
                    .append(seed)
                    .append(" -Dfuzz.requests=")
                    .append(total);
            return text.toString();
        }

        /** Fails with the details when any request broke a rule. */
        public void assertClean() {
            if (!violations.isEmpty()
                    || violationKinds.values().stream().mapToInt(i -> i).sum() > 0) {
                throw new AssertionError(details());
            }
        }
    }

    /** Builds one malformed request for an operation. */
    private static final class Generator {

        private static final List<String> INVALID_IDS = List.of(
                "not-a-uuid",
                "12345",
                "-1",
                "0",
                "99999999999999999999999",
                "00000000-0000-0000-0000-00000000000g",
                "%7B00000000-0000-0000-0000-000000000000%7D",
                "null",
                "undefined",
                "true",
                "%00",
                "%25",
                "%25zz",
                "..%2F..%2Fetc%2Fpasswd",
                "'%20OR%20'1'%3D'1",
                "%22%3B%20DROP%20TABLE%20incident%3B%20--",
                "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                "%24%7Bjndi%3Aldap%3A%2F%2F127.0.0.1%2Fa%7D",
                "%E4%BA%8B%E6%A1%88",
                "%F0%9F%98%80",
                "%C0%AF",
                "%FF%FE",
                "DEMO-2026-000001",
                "GIKAI-9999-999999",
                "1e309",
                "NaN");
        private static final List<String> INJECTIONS = List.of(
                "' OR '1'='1' --",
                "\"; DROP TABLE incident; --",
                "<script>alert(1)</script>",
                "${jndi:ldap://127.0.0.1/a}",
                "{{7*7}}",
                "../../../../etc/passwd",
                "\u0000",
                "a\u0001b",
                "\uFEFF",
                "\u202Eevil",
                "𠮷野家",
                "ＤＥＭＯ－２０２６",
                "NaN",
                "-Infinity",
                "-0",
                "1e309",
                "9223372036854775808",
                "-9223372036854775809",
                "[]",
                "{}",
                "null",
                "");
        private static final List<String> INVALID_DATES = List.of(
                "2026-13-45T25:61:00Z",
                "yesterday",
                "0000-00-00T00:00:00Z",
                "+999999999-12-31T23:59:59Z",
                "-999999999-01-01T00:00:00Z",
                "2026-02-30",
                "2026-02-30T10:00:00",
                "2026-06-01T09:00:00+25:00",
                "1e10",
                "",
                "２０２６年６月１日");
        private static final List<String> ODD_TEXTS = List.of(
                "\u0000",
                "a\u0007b",
                "\u007f",
                "\uFEFFBOM",
                "\u200B\u200B\u200B",
                "\u202Eevil\u202C",
                "e\u0301\u0301\u0301\u0301",
                "\u2028\u2029",
                "😀".repeat(500),
                "ｱｲｳｴｵ",
                " ",
                "",
                "\t\n\r");
        // What a client names in Accept-Language, and the language of the answer it must get.
        private static final List<String[]> LANGUAGES = List.of(
                new String[] {null, "ja"},
                new String[] {null, "ja"},
                new String[] {"ja", "ja"},
                new String[] {"en", "en"},
                new String[] {"en", "en"},
                new String[] {"en-US,en;q=0.9", "en"},
                new String[] {"ja-JP,ja;q=0.9,en;q=0.8", "ja"},
                new String[] {"fr", "ja"},
                new String[] {"*", "ja"},
                new String[] {"!!!;;;q=x", "any"},
                new String[] {"x".repeat(300), "any"},
                new String[] {"en;q=abc", "any"},
                new String[] {"", "ja"});

        private final OpenApiOperations api;
        private final Operation op;
        private final SplittableRandom random;
        private final List<Caller> callers;
        private final Map<String, List<String>> known;
        private final List<String> mutations = new ArrayList<>();
        private boolean mustFail;

        Generator(
                OpenApiOperations api,
                Operation op,
                SplittableRandom random,
                List<Caller> callers,
                Map<String, List<String>> known) {
            this.api = api;
            this.op = op;
            this.random = random;
            this.callers = callers;
            this.known = known;
        }

        FuzzCase generate(int number) {
            Map<String, String> headers = new LinkedHashMap<>();
            Caller caller = pick(callers);
            if (!caller.legitimate() && op.secured()) {
                mustFail = true;
                mutations.add("caller:" + caller.name());
            }
            if (caller.authorization() != null) {
                headers.put("Authorization", caller.authorization());
            }
            // What kind of damage this request carries most.
            int focus = random.nextInt(10);
            boolean bodyFocus = op.hasBody() && focus < 6;
            boolean paramFocus = !bodyFocus
                    && focus < 9
                    && (!op.in("path").isEmpty() || !op.in("query").isEmpty());

            String path = path(paramFocus);
            String query = query(paramFocus);
            byte[] body = null;
            if (op.hasBody()) {
                body = body(bodyFocus || (!paramFocus && !mustFail));
                headers.put("Content-Type", contentType());
            } else if (random.nextInt(20) == 0) {
                body = "{\"unexpected\": true}".getBytes(StandardCharsets.UTF_8);
                headers.put("Content-Type", "application/json");
                mutations.add("body-on-bodyless");
            }
            String accept = accept();
            if (accept != null) {
                headers.put("Accept", accept);
            }
            String[] language = LANGUAGES.get(random.nextInt(LANGUAGES.size()));
            if (language[0] != null) {
                headers.put("Accept-Language", language[0]);
            }
            if (random.nextInt(4) == 0) {
                headers.put(
                        "Idempotency-Key",
                        pick(List.of(
                                "",
                                " ",
                                "x".repeat(2000),
                                UUID.randomUUID().toString(),
                                "not a key",
                                "%00",
                                "../..",
                                "' OR 1=1 --",
                                UUID.randomUUID() + "," + UUID.randomUUID())));
                mutations.add("idempotency-key");
            }
            if (random.nextInt(10) == 0) {
                headers.put("X-Correlation-Id", pick(List.of("", "x".repeat(5000), "<script>", "a b c")));
                mutations.add("correlation-id");
            }
            if (!mustFail && op.secured() && op.method().equals("GET") && random.nextInt(3) > 0) {
                // Reads have little else to break: a wrong token or a caller without the right mostly.
                Caller intruder =
                        callers.stream().filter(c -> !c.legitimate()).findAny().orElse(null);
                if (intruder != null && random.nextBoolean()) {
                    headers.remove("Authorization");
                    if (intruder.authorization() != null) {
                        headers.put("Authorization", intruder.authorization());
                    }
                    mutations.add("caller:" + intruder.name());
                    mustFail = op.secured();
                    caller = intruder;
                }
            }
            return new FuzzCase(
                    number,
                    op,
                    caller,
                    op.method(),
                    path + query,
                    headers,
                    body,
                    List.copyOf(mutations),
                    mustFail,
                    language[1]);
        }

        private String path(boolean damage) {
            String path = op.path();
            List<Parameter> parameters = op.in("path");
            int broken = damage && !parameters.isEmpty() ? random.nextInt(parameters.size()) : -1;
            for (int i = 0; i < parameters.size(); i++) {
                Parameter parameter = parameters.get(i);
                String value;
                if (i == broken) {
                    int kind = random.nextInt(10);
                    if (kind == 0) {
                        value = "a".repeat(pick(List.of(300, 3000, 9000)));
                        mutations.add("path:" + parameter.name() + ":overlong");
                    } else {
                        value = pick(INVALID_IDS);
                        mutations.add("path:" + parameter.name() + ":" + value);
                    }
                    if (isId(parameter.schema())) {
                        mustFail = true;
                    }
                } else {
                    value = encode(validParameter(parameter));
                }
                path = path.replace("{" + parameter.name() + "}", value);
            }
            return path;
        }

        private String query(boolean damage) {
            List<Parameter> parameters = op.in("query");
            List<String> pairs = new ArrayList<>();
            int broken =
                    damage && !parameters.isEmpty() && random.nextBoolean() ? random.nextInt(parameters.size()) : -1;
            for (int i = 0; i < parameters.size(); i++) {
                Parameter parameter = parameters.get(i);
                if (i == broken) {
                    String value = invalidScalar(parameter.schema(), "query:" + parameter.name());
                    pairs.add(encode(parameter.name()) + "=" + encode(value));
                    if (random.nextInt(5) == 0) {
                        pairs.add(encode(parameter.name()) + "=" + encode(validParameter(parameter)));
                        mutations.add("query:" + parameter.name() + ":repeated");
                    }
                } else if (parameter.required() || random.nextInt(3) == 0) {
                    pairs.add(encode(parameter.name()) + "=" + encode(validParameter(parameter)));
                }
            }
            if (random.nextInt(8) == 0) {
                pairs.add(encode(pick(INJECTIONS)) + "=" + encode(pick(INJECTIONS)));
                mutations.add("query:unknown");
            }
            return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
        }

        private String validParameter(Parameter parameter) {
            List<String> values = known.get(parameter.name());
            if (values != null && !values.isEmpty() && random.nextInt(5) > 0) {
                return pick(values);
            }
            JsonNode value = valid(parameter.schema(), 0);
            return value.isTextual() ? value.asText() : value.toString();
        }

        private static boolean isId(JsonNode schema) {
            String type = OpenApiOperations.type(schema);
            return "uuid".equals(schema.path("format").asText())
                    || type.equals("integer")
                    || type.equals("number")
                    || schema.has("enum");
        }

        /** A value of the wrong shape for a scalar of {@code schema}; marks the request as one that must fail. */
        private String invalidScalar(JsonNode schema, String label) {
            String type = OpenApiOperations.type(schema);
            String format = schema.path("format").asText("");
            String value;
            boolean invalid = true;
            if (format.equals("uuid")) {
                value = pick(List.of("not-a-uuid", "12345", "00000000-0000-0000-0000-00000000000g", "' OR 1=1 --"));
            } else if (format.startsWith("date")) {
                value = pick(INVALID_DATES);
            } else if (schema.has("enum")) {
                value = pick(
                        List.of("NOPE", schema.get("enum").get(0).asText().toLowerCase(Locale.ROOT) + "x", "' OR 1=1"));
            } else if (type.equals("integer") || type.equals("number")) {
                value = pick(List.of("abc", "1e309", "99999999999999999999999", "NaN", "1.5.5", "0x10", "' OR 1=1"));
                if (schema.has("minimum") && random.nextBoolean()) {
                    value = Long.toString(schema.get("minimum").asLong() - 1 - random.nextInt(1000));
                }
            } else if (type.equals("boolean")) {
                value = pick(List.of("maybe", "2", "yes please"));
            } else {
                value = random.nextBoolean() ? pick(INJECTIONS) : "長".repeat(pick(List.of(300, 3000)));
                // An empty query value is read as no value.
                invalid = (schema.has("maxLength") || schema.has("pattern")) && !value.isEmpty();
            }
            if (invalid) {
                mustFail = true;
            }
            mutations.add(label + ":" + abbreviate(value));
            return value;
        }

        private String contentType() {
            String declared = op.bodyMediaTypes().isEmpty() ? "application/json" : pick(op.bodyMediaTypes());
            if (random.nextInt(8) > 0) {
                return declared;
            }
            String wrong = pick(List.of(
                    "text/plain",
                    "application/xml",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data",
                    "application/octet-stream",
                    "image/png",
                    "application/json; charset=ISO-2022-JP",
                    "???",
                    "application/json;;;"));
            if (!op.bodyMediaTypes().contains(wrong) && !op.bodyMediaTypes().contains("*/*")) {
                mutations.add("content-type:" + wrong);
                if (!wrong.startsWith("application/json")) {
                    mustFail = true;
                }
            }
            return wrong;
        }

        private String accept() {
            int kind = random.nextInt(10);
            if (kind < 5) {
                return null;
            }
            if (kind < 8) {
                return "application/json";
            }
            String odd = pick(List.of("application/xml", "image/png", "text/html;q=abc", "*/*;q=0", "garbage"));
            mutations.add("accept:" + odd);
            return odd;
        }

        private byte[] body(boolean damage) {
            if (!op.hasJsonBody()) {
                return nonJsonBody(damage);
            }
            JsonNode schema = op.bodySchema() == null ? NODES.objectNode() : api.resolve(op.bodySchema());
            JsonNode valid = valid(schema, 0);
            if (!damage) {
                return valid.toString().getBytes(StandardCharsets.UTF_8);
            }
            int kind = random.nextInt(20);
            String text;
            switch (kind) {
                case 0 -> {
                    text = pick(List.of(
                            "",
                            "not json",
                            "null",
                            "42",
                            "\"text\"",
                            "true",
                            "{",
                            "}",
                            "[",
                            "{'a':1}",
                            "{\"a\":1,}",
                            "\uFEFF{}",
                            "{\"a\" 1}",
                            "<xml/>",
                            "{\"a\":NaN}",
                            "{\"a\":01}"));
                    mutations.add("body:not-json:" + abbreviate(text));
                    // RFC 8259 lets a parser ignore a byte order mark: "\uFEFF{}" is "{}".
                    // RFC 8259 lets a parser ignore a byte order mark.
                    // "null" is read as no body, which some operations take on purpose (notification-service's
                    // delivery settings: the defaults).
                    mustFail = !text.equals("null") && !text.startsWith("\uFEFF");
                }
                case 1 -> {
                    String json = valid.toString();
                    text = json.substring(0, Math.max(1, random.nextInt(json.length())));
                    mutations.add("body:truncated");
                    mustFail = true;
                }
                case 2 -> {
                    int depth = pick(List.of(600, 2000, 20000));
                    text = random.nextBoolean()
                            ? "[".repeat(depth) + "]".repeat(depth)
                            : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                    mutations.add("body:nested-" + depth);
                    mustFail = true;
                }
                case 3 -> {
                    text = duplicateKey(valid);
                    mutations.add("body:duplicate-key");
                    mustFail = text != null;
                    if (text == null) {
                        text = "[" + valid + "]";
                    }
                }
                case 4 -> {
                    text = pick(List.of("[" + valid + "]", "[]", "{\"data\":" + valid + "}"));
                    mutations.add("body:wrong-root");
                    mustFail = !OpenApiOperations.type(schema).equals("array") && !text.startsWith("{\"data\"")
                            || text.startsWith("{\"data\"")
                                    && schema.path("properties").size() > 0
                                    && !schema.path("properties").has("data");
                }
                case 5 -> {
                    text = "{}";
                    mutations.add("body:empty-object");
                    mustFail = schema.path("required").size() > 0;
                }
                case 6 -> {
                    text = valid + pick(List.of(" trailing", "}", ",{}", "\u0000"));
                    mutations.add("body:trailing-garbage");
                    mustFail = true;
                }
                default -> {
                    JsonNode damaged = damageField(valid, schema);
                    text = damaged.toString();
                    if (mutations.stream().anyMatch(m -> m.startsWith("field:lone-surrogate"))) {
                        text = text.replace("LONESURROGATE", "\\ud800");
                    }
                }
            }
            if (random.nextInt(20) == 0) {
                mutations.add("body:latin1-bytes");
                return text.getBytes(StandardCharsets.ISO_8859_1);
            }
            return text.getBytes(StandardCharsets.UTF_8);
        }

        private byte[] nonJsonBody(boolean damage) {
            String mediaType =
                    op.bodyMediaTypes().isEmpty() ? "" : op.bodyMediaTypes().get(0);
            mutations.add("body:" + mediaType);
            if (!damage) {
                return "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
            }
            int kind = random.nextInt(5);
            return switch (kind) {
                case 0 -> new byte[0];
                case 1 -> {
                    byte[] bytes = new byte[random.nextInt(4096) + 1];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = (byte) random.nextInt(256);
                    }
                    yield bytes;
                }
                case 2 -> "{\"not\": \"what is expected\"}".getBytes(StandardCharsets.UTF_8);
                case 3 -> ("\"" + "x".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
                default -> (pick(INJECTIONS) + "\n" + pick(ODD_TEXTS) + ",\"\n:\t-").getBytes(StandardCharsets.UTF_8);
            };
        }

        private String duplicateKey(JsonNode valid) {
            if (!valid.isObject() || valid.size() == 0) {
                return null;
            }
            List<String> names = new ArrayList<>();
            valid.fieldNames().forEachRemaining(names::add);
            String name = pick(names);
            String json = valid.toString();
            return json.substring(0, json.length() - 1) + ",\"" + name + "\":"
                    + pick(List.of("null", "{}", "\"x\"", "1")) + "}";
        }

        /** One field of {@code valid} given a wrong value (type, null, missing, format, size, Unicode, unknown). */
        private JsonNode damageField(JsonNode valid, JsonNode schema) {
            List<Slot> slots = new ArrayList<>();
            collect(valid, schema, slots, 0);
            if (slots.isEmpty() || !valid.isContainerNode()) {
                mutations.add("body:scalar-replaced");
                mustFail = true;
                return NODES.arrayNode().add(NODES.objectNode().put("x", 1));
            }
            Slot slot = pick(slots);
            JsonNode fieldSchema = slot.schema == null ? NODES.objectNode() : api.resolve(slot.schema);
            String type = OpenApiOperations.type(fieldSchema);
            String format = fieldSchema.path("format").asText("");
            boolean nullable = fieldSchema.path("type").isArray()
                            && fieldSchema.path("type").toString().contains("null")
                    || fieldSchema.path("nullable").asBoolean(false);
            int kind = random.nextInt(9);
            JsonNode value;
            String label;
            boolean fails;
            switch (kind) {
                case 0 -> {
                    value = NODES.nullNode();
                    label = "null";
                    fails = slot.required && !nullable;
                }
                case 1 -> {
                    slot.remove();
                    mutations.add("field:missing:" + slot.name + (slot.required ? "(required)" : ""));
                    if (slot.required) {
                        mustFail = true;
                    }
                    return valid;
                }
                case 2 -> {
                    value = wrongType(type);
                    label = "wrong-type:" + value.getNodeType();
                    fails = true;
                }
                case 3 -> {
                    if (format.equals("uuid")) {
                        value = NODES.textNode(
                                pick(List.of("not-a-uuid", "12345", "00000000-0000-0000-0000-00000000000g", "")));
                        label = "invalid-uuid";
                        fails = true;
                    } else if (format.startsWith("date") || format.equals("time") || format.equals("duration")) {
                        value = NODES.textNode(pick(INVALID_DATES));
                        label = "invalid-" + format;
                        fails = true;
                    } else if (fieldSchema.has("enum")) {
                        value = NODES.textNode(pick(List.of(
                                "NOPE",
                                "",
                                fieldSchema.get("enum").get(0).asText().toLowerCase(Locale.ROOT) + "_x")));
                        label = "invalid-enum";
                        fails = true;
                    } else if (type.equals("integer") || type.equals("number")) {
                        value = pick(List.<JsonNode>of(
                                NODES.numberNode(new java.math.BigInteger("99999999999999999999999999")),
                                NODES.numberNode(new java.math.BigDecimal("1e400")),
                                NODES.numberNode(-2147483649L),
                                NODES.numberNode(1.5)));
                        label = "number-out-of-range:" + value;
                        fails = fieldSchema.has("maximum") || fieldSchema.has("minimum") || type.equals("integer");
                    } else {
                        value = NODES.textNode(pick(INJECTIONS));
                        label = "injection";
                        fails = value.asText().contains("\u0000")
                                || value.asText().contains("\u0001")
                                || (value.asText().isEmpty()
                                        && fieldSchema.path("minLength").asInt(0) > 0);
                    }
                }
                case 4 -> {
                    int length = pick(List.of(5_000, 100_000, 400_000));
                    value = NODES.textNode((type.equals("string") ? "長" : "9").repeat(length));
                    label = "huge-" + length;
                    fails = !type.equals("string")
                            || fieldSchema.has("maxLength")
                            || fieldSchema.has("format")
                            || fieldSchema.has("enum")
                            || fieldSchema.has("pattern");
                }
                case 5 -> {
                    String odd = pick(ODD_TEXTS);
                    value = NODES.textNode(odd);
                    label = "odd-unicode:" + abbreviate(odd);
                    fails = !type.equals("string")
                            || odd.chars().anyMatch(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
                            || fieldSchema.has("format")
                            || fieldSchema.has("enum")
                            || fieldSchema.has("pattern");
                }
                case 6 -> {
                    value = NODES.textNode("LONESURROGATE");
                    label = "lone-surrogate";
                    fails = !type.equals("string")
                            || fieldSchema.has("format")
                            || fieldSchema.has("enum")
                            || fieldSchema.has("pattern");
                }
                case 7 -> {
                    value = NODES.objectNode().set("a", NODES.arrayNode().add(NODES.objectNode()));
                    label = "object-instead";
                    fails = !type.equals("object") && !type.isEmpty();
                }
                default -> {
                    if (slot.parent instanceof ObjectNode object) {
                        object.put("unknownField" + random.nextInt(100), "x");
                        mutations.add("field:unknown-beside:" + slot.name);
                        mustFail = true;
                        return valid;
                    }
                    value = NODES.nullNode();
                    label = "null";
                    fails = slot.required && !nullable;
                }
            }
            slot.set(value);
            mutations.add("field:" + label + ":" + slot.name);
            if (fails) {
                mustFail = true;
            }
            return valid;
        }

        private JsonNode wrongType(String type) {
            return switch (type) {
                case "string" ->
                    pick(List.<JsonNode>of(
                            NODES.arrayNode().add("x"), NODES.objectNode().put("x", 1), NODES.booleanNode(true)));
                case "integer", "number" ->
                    pick(List.<JsonNode>of(
                            NODES.textNode("abc"),
                            NODES.arrayNode().add(1),
                            NODES.objectNode(),
                            NODES.booleanNode(false)));
                case "boolean" ->
                    pick(List.<JsonNode>of(NODES.textNode("maybe"), NODES.arrayNode(), NODES.objectNode()));
                case "array" ->
                    pick(List.<JsonNode>of(
                            NODES.textNode("x"), NODES.objectNode().put("x", 1), NODES.numberNode(3)));
                case "object" ->
                    pick(List.<JsonNode>of(
                            NODES.textNode("x"), NODES.arrayNode().add(1), NODES.numberNode(3)));
                default -> NODES.arrayNode().add(NODES.arrayNode());
            };
        }

        /** A place in the tree: a field of an object or an element of an array. */
        private static final class Slot {
            final JsonNode parent;
            final String name;
            final int index;
            final JsonNode schema;
            final boolean required;

            Slot(JsonNode parent, String name, int index, JsonNode schema, boolean required) {
                this.parent = parent;
                this.name = name;
                this.index = index;
                this.schema = schema;
                this.required = required;
            }

            void set(JsonNode value) {
                if (parent instanceof ObjectNode object) {
                    object.set(name, value);
                } else if (parent instanceof ArrayNode array) {
                    array.set(index, value);
                }
            }

            void remove() {
                if (parent instanceof ObjectNode object) {
                    object.remove(name);
                } else if (parent instanceof ArrayNode array) {
                    array.remove(index);
                }
            }
        }

        private void collect(JsonNode node, JsonNode schema, List<Slot> slots, int depth) {
            if (depth > 6 || schema == null) {
                return;
            }
            JsonNode resolved = api.resolve(schema);
            if (node instanceof ObjectNode object) {
                JsonNode properties = resolved.path("properties");
                List<String> required = new ArrayList<>();
                resolved.path("required").forEach(r -> required.add(r.asText()));
                Iterator<String> names = object.fieldNames();
                List<String> list = new ArrayList<>();
                names.forEachRemaining(list::add);
                for (String name : list) {
                    JsonNode fieldSchema = properties.path(name);
                    slots.add(new Slot(object, name, -1, fieldSchema, required.contains(name)));
                    collect(object.get(name), fieldSchema, slots, depth + 1);
                }
            } else if (node instanceof ArrayNode array) {
                JsonNode items = resolved.path("items");
                for (int i = 0; i < array.size(); i++) {
                    slots.add(new Slot(array, "[" + i + "]", i, items, false));
                    collect(array.get(i), items, slots, depth + 1);
                }
            }
        }

        /** A value that fits {@code schema} as far as the schema tells (examples, enums, formats, bounds). */
        private JsonNode valid(JsonNode schema, int depth) {
            JsonNode resolved = api.resolve(schema);
            if (resolved.has("example") && random.nextBoolean()) {
                return resolved.get("example");
            }
            if (resolved.has("examples")
                    && resolved.get("examples").isArray()
                    && resolved.get("examples").size() > 0
                    && random.nextBoolean()) {
                return resolved.get("examples").get(0);
            }
            if (resolved.has("default") && random.nextInt(3) == 0) {
                return resolved.get("default");
            }
            if (resolved.has("enum") && resolved.get("enum").size() > 0) {
                JsonNode values = resolved.get("enum");
                return values.get(random.nextInt(values.size()));
            }
            String type = OpenApiOperations.type(resolved);
            switch (type) {
                case "object" -> {
                    ObjectNode object = NODES.objectNode();
                    if (depth > 5) {
                        return object;
                    }
                    List<String> required = new ArrayList<>();
                    resolved.path("required").forEach(r -> required.add(r.asText()));
                    Iterator<Map.Entry<String, JsonNode>> properties =
                            resolved.path("properties").fields();
                    while (properties.hasNext()) {
                        Map.Entry<String, JsonNode> property = properties.next();
                        if (required.contains(property.getKey()) || random.nextInt(3) > 0) {
                            if (api.resolve(property.getValue())
                                    .path("readOnly")
                                    .asBoolean(false)) {
                                continue;
                            }
                            object.set(property.getKey(), valid(property.getValue(), depth + 1));
                        }
                    }
                    return object;
                }
                case "array" -> {
                    ArrayNode array = NODES.arrayNode();
                    if (depth <= 5) {
                        int size = Math.max(resolved.path("minItems").asInt(0), 1);
                        for (int i = 0; i < size; i++) {
                            array.add(valid(resolved.path("items"), depth + 1));
                        }
                    }
                    return array;
                }
                case "integer" -> {
                    long min = resolved.path("minimum").asLong(0);
                    long max = resolved.has("maximum") ? resolved.get("maximum").asLong() : min + 20;
                    return NODES.numberNode(min + (max > min ? random.nextLong(max - min + 1) : 0));
                }
                case "number" -> {
                    return NODES.numberNode(resolved.path("minimum").asDouble(0) + 1);
                }
                case "boolean" -> {
                    return NODES.booleanNode(random.nextBoolean());
                }
                default -> {
                    return NODES.textNode(validText(resolved));
                }
            }
        }

        private String validText(JsonNode schema) {
            String format = schema.path("format").asText("");
            String text = switch (format) {
                case "uuid" -> UUID.randomUUID().toString();
                case "date-time" ->
                    Instant.now().plus(Duration.ofDays(random.nextInt(3) + 1)).toString();
                case "date" -> LocalDate.now().plusDays(random.nextInt(5)).toString();
                case "email" -> "fuzz" + random.nextInt(1000) + "@demo-city.example.jp";
                case "uri", "url" -> "https://example.jp/fuzz";
                case "duration" -> "PT15M";
                case "time", "local-time" -> "09:00:00";
                default -> pick(List.of("ファズ試験", "fuzz", "USBメモリ紛失", "テスト 1"));
            };
            int min = schema.path("minLength").asInt(0);
            while (text.length() < min) {
                text = text + "あ";
            }
            if (schema.has("maxLength")
                    && text.length() > schema.get("maxLength").asInt()) {
                text = text.substring(0, schema.get("maxLength").asInt());
            }
            return text;
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        }

        private static String abbreviate(String value) {
            String shown = value.length() > 30 ? value.substring(0, 30) + "…(" + value.length() + ")" : value;
            StringBuilder escaped = new StringBuilder();
            shown.codePoints().forEach(c -> {
                if (c < 0x20 || c == 0x7f || (c >= 0x200b && c <= 0x202e) || c == 0xfeff) {
                    escaped.append(String.format("\\u%04x", c));
                } else {
                    escaped.appendCodePoint(c);
                }
            });
            return escaped.toString();
        }
    }
}
