package jp.horenso.publicsite.disclosure;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for incident-service's public endpoint (a JDK HTTP server): two published disclosures of demo-city, the
 * second a recurrence-prevention follow-up of the first. Like the real endpoint it never serves the draft below.
 * Its JSON also carries fields the real endpoint must never send (a case id, the publisher's and the reporter's
 * names …): the site must not show them even if they arrived.
 */
public class StubIncidentService implements QuarkusTestResourceLifecycleManager {

    public static final String PUBLISHED_TITLE = "USBメモリの紛失について";
    public static final String PUBLISHED_BODY = "窓口で使用していたUSBメモリが所在不明となりました。市民の皆様にご心配をおかけし、おわび申し上げます。";
    public static final String PUBLISHED_TITLE_EN = "Loss of a USB stick";
    public static final String FOLLOW_UP_TITLE = "USBメモリの紛失について（続報） & <対策>";
    public static final String MEASURE = "持ち出し記録簿の導入と月次点検";
    public static final String DRAFT_TITLE = "未承認の下書き：記録媒体の紛失";

    /** Personal data and internal ids of the case: none may appear on any page or in the feed. */
    public static final List<String> PERSONAL_DATA = List.of(
            "山田太郎",
            "taro.yamada@example.jp",
            "0289-12-3456",
            "鹿沼市今宮町1688",
            "123456789018",
            "7f1c9a52-0b7e-4a39-9d55-3c1f0e2b8a41",
            "INC-2026-000042",
            "csirt1",
            "staff1");

    private static final String EXTRA = "\"incidentId\":\"7f1c9a52-0b7e-4a39-9d55-3c1f0e2b8a41\","
            + "\"incidentNumber\":\"INC-2026-000042\",\"publishedBy\":\"csirt1\","
            + "\"reporter\":{\"name\":\"山田太郎\",\"mail\":\"taro.yamada@example.jp\",\"phone\":\"0289-12-3456\","
            + "\"address\":\"鹿沼市今宮町1688\",\"myNumber\":\"123456789018\",\"user\":\"staff1\"},";

    static final String FIRST = "{" + EXTRA + "\"publicId\":1,\"organisation\":\"demo-city\","
            + "\"method\":\"INDIVIDUAL_PRESS_RELEASE\",\"methodLabel\":{\"ja\":\"個別の報道発表\",\"en\":\"Individual press release\"},"
            + "\"publishedAt\":\"2026-12-01T10:00:00+09:00\","
            + "\"title\":{\"ja\":\"" + PUBLISHED_TITLE + "\",\"en\":\"" + PUBLISHED_TITLE_EN + "\"},"
            + "\"body\":{\"ja\":\"" + PUBLISHED_BODY + "\",\"en\":\"A USB stick used at a counter is missing.\"},"
            + "\"recurrencePrevention\":[]";
    static final String SECOND = "{" + EXTRA + "\"publicId\":2,\"organisation\":\"demo-city\","
            + "\"method\":\"INDIVIDUAL_PRESS_RELEASE\",\"methodLabel\":{\"ja\":\"個別の報道発表\",\"en\":\"Individual press release\"},"
            + "\"publishedAt\":\"2026-12-05T15:00:00+09:00\","
            + "\"title\":{\"ja\":\"" + FOLLOW_UP_TITLE.replace("\"", "\\\"") + "\",\"en\":null},"
            + "\"body\":{\"ja\":\"再発防止策をお知らせします。\",\"en\":null},"
            + "\"recurrencePrevention\":[\"" + MEASURE + "\"]";
    static final String LIST = "{\"organisation\":\"demo-city\",\"items\":[" + SECOND + "}," + FIRST + "}],"
            + "\"page\":0,\"size\":20,\"total\":2}";
    static final String ONE = FIRST + ",\"related\":[{\"publicId\":2,\"publishedAt\":\"2026-12-05T15:00:00+09:00\","
            + "\"title\":{\"ja\":\"" + FOLLOW_UP_TITLE + "\",\"en\":null},\"recurrencePrevention\":[\"" + MEASURE
            + "\"],\"followUp\":true}]}";
    static final String TWO = SECOND + ",\"related\":[{\"publicId\":1,\"publishedAt\":\"2026-12-01T10:00:00+09:00\","
            + "\"title\":{\"ja\":\"" + PUBLISHED_TITLE + "\",\"en\":\"" + PUBLISHED_TITLE_EN + "\"},"
            + "\"recurrencePrevention\":[],\"followUp\":false}]}";
    /** What the stub holds but, like incident-service, never serves: an unpublished draft. */
    static final String DRAFT = "{\"publicId\":3,\"title\":{\"ja\":\"" + DRAFT_TITLE + "\"}}";

    /** デモ市議会's one published disclosure. */
    public static final String GIKAI_TITLE = "議会ウェブサイトの一時停止について";

    static final String GIKAI_FIRST = "{\"publicId\":1,\"organisation\":\"demo-gikai\","
            + "\"method\":\"WEBSITE\",\"methodLabel\":{\"ja\":\"ウェブサイト\",\"en\":\"Website\"},"
            + "\"publishedAt\":\"2026-12-03T09:00:00+09:00\","
            + "\"title\":{\"ja\":\"" + GIKAI_TITLE + "\",\"en\":\"Council website suspended\"},"
            + "\"body\":{\"ja\":\"議会ウェブサイトを一時停止しました。\",\"en\":\"The council website was suspended.\"},"
            + "\"recurrencePrevention\":[]";
    /**
     * A broken (or tampered) upstream: demo-gikai's list also carries a demo-city item, and demo-gikai's number 2
     * answers with demo-city's disclosure. The site must show neither.
     */
    static final String GIKAI_LIST_WITH_A_FOREIGN_ITEM = "{\"organisation\":\"demo-gikai\",\"items\":[" + SECOND + "},"
            + GIKAI_FIRST + "}],\"page\":0,\"size\":20,\"total\":2}";

    static final String GIKAI_ONE = GIKAI_FIRST + ",\"related\":[]}";

    /** Every path and query the site asked for, in order. */
    public static final List<String> ASKED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> published = Map.of(
                "/api/public/organisations/demo-city/disclosures", LIST,
                "/api/public/organisations/demo-city/disclosures/1", ONE,
                "/api/public/organisations/demo-city/disclosures/2", TWO,
                "/api/public/organisations/demo-gikai/disclosures", GIKAI_LIST_WITH_A_FOREIGN_ITEM,
                "/api/public/organisations/demo-gikai/disclosures/1", GIKAI_ONE,
                "/api/public/organisations/demo-gikai/disclosures/2", ONE);
        server.createContext("/", exchange -> {
            ASKED.add(exchange.getRequestURI().toString());
            String body = published.get(exchange.getRequestURI().getPath());
            if (body == null) {
                send(exchange, 404, "{\"status\":404}");
            } else {
                send(exchange, 200, body);
            }
        });
        server.start();
        return Map.of(
                "horenso.public-site.incident-service-url",
                "http://localhost:" + server.getAddress().getPort());
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
