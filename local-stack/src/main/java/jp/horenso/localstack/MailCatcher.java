package jp.horenso.localstack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real SMTP server (GreenMail) that keeps every mail it receives, readable over IMAP by any mail client
 * and on a small web page for people, with a JSON view for scripts.
 */
public final class MailCatcher implements AutoCloseable {

    private final GreenMail greenMail;
    private final HttpServer web;
    private final int smtpPort;

    private MailCatcher(GreenMail greenMail, HttpServer web, int smtpPort) {
        this.greenMail = greenMail;
        this.web = web;
        this.smtpPort = smtpPort;
    }

    /**
     * Starts SMTP on {@code smtpPort}, IMAP on {@code imapPort} and, when {@code webPort} is positive, the
     * web page.
     */
    public static MailCatcher start(int smtpPort, int imapPort, int webPort) {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                    new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
                })
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        HttpServer web = null;
        if (webPort > 0) {
            try {
                web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), webPort), 0);
            } catch (IOException e) {
                greenMail.stop();
                throw new UncheckedIOException(e);
            }
            MailCatcher catcher = new MailCatcher(greenMail, web, smtpPort);
            web.createContext("/api/messages", catcher::serveJson);
            web.createContext("/", catcher::serveHtml);
            web.start();
            return catcher;
        }
        return new MailCatcher(greenMail, null, smtpPort);
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** Every mail received so far, oldest first. */
    public List<CaughtMail> messages() {
        List<CaughtMail> result = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            result.add(CaughtMail.of(message));
        }
        return result;
    }

    /** Mails received so far for one address. */
    public List<CaughtMail> messagesTo(String address) {
        return messages().stream().filter(m -> m.to().contains(address)).collect(Collectors.toList());
    }

    /**
     * The arrivals at one address's inbox, keyed by what {@code key} finds in the subject (e.g. a case number), with
     * the time the SMTP server accepted each mail (ms since the epoch): what the benchmarks measure latency to.
     */
    public Arrivals arrivals(String address, Pattern key) {
        return new Arrivals(greenMail, address, key);
    }

    /**
     * One address's inbox read incrementally: each {@link #read()} looks only at the messages that arrived since the
     * last one, by index (the store only appends; an iterator would fail while it does).
     */
    public static final class Arrivals {
        private final GreenMail greenMail;
        private final String address;
        private final Pattern key;
        private final Map<String, List<Long>> times = new HashMap<>();
        private int read;

        private Arrivals(GreenMail greenMail, String address, Pattern key) {
            this.greenMail = greenMail;
            this.address = address;
            this.key = key;
        }

        /** Key → the times its mails were accepted, earliest first (a copy). */
        public synchronized Map<String, List<Long>> read() {
            try {
                var user = greenMail.getUserManager().getUserByEmail(address);
                if (user == null) {
                    return Map.of();
                }
                var messages = greenMail
                        .getManagers()
                        .getImapHostManager()
                        .getInbox(user)
                        .getMessages();
                for (int size = messages.size(); read < size; read++) {
                    var message = messages.get(read);
                    String subject = message.getMimeMessage().getSubject();
                    Matcher m = key.matcher(subject == null ? "" : subject);
                    if (m.find()) {
                        List<Long> list = times.computeIfAbsent(m.group(), k -> new ArrayList<>());
                        list.add(message.getReceivedDate().getTime());
                        list.sort(Comparator.naturalOrder());
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not read the mail catcher's store", e);
            }
            Map<String, List<Long>> copy = new HashMap<>();
            times.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return copy;
        }
    }

    /** Forgets every mail. */
    public void purge() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void serveJson(HttpExchange exchange) throws IOException {
        String json = messages().stream().map(CaughtMail::toJson).collect(Collectors.joining(",", "[", "]"));
        respond(exchange, "application/json; charset=utf-8", json);
    }

    private void serveHtml(HttpExchange exchange) throws IOException {
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\">"
                + "<title>Horenso メール受信箱 / Mail catcher</title>"
                + "<style>body{font-family:sans-serif;margin:2em}pre{background:#f4f4f4;padding:1em;"
                + "white-space:pre-wrap}h2{border-top:1px solid #ccc;padding-top:1em}</style></head><body>"
                + "<h1>Horenso メール受信箱 / Mail catcher</h1>"
                + "<p>ローカル環境で送信されたメールをすべて表示します。 / Every mail sent by the local stack.</p>");
        List<CaughtMail> mails = messages();
        if (mails.isEmpty()) {
            html.append("<p>まだメールはありません。 / No mail yet.</p>");
        }
        for (int i = mails.size() - 1; i >= 0; i--) {
            CaughtMail m = mails.get(i);
            html.append("<h2>")
                    .append(escape(m.subject()))
                    .append("</h2><p>To: ")
                    .append(escape(String.join(", ", m.to())))
                    .append("<br>From: ")
                    .append(escape(m.from()))
                    .append("</p><pre>")
                    .append(escape(m.body()))
                    .append("</pre>");
        }
        html.append("</body></html>");
        respond(exchange, "text/html; charset=utf-8", html.toString());
    }

    private static void respond(HttpExchange exchange, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        if (web != null) {
            web.stop(0);
        }
        greenMail.stop();
    }

    /** One received mail, decoded. */
    public record CaughtMail(List<String> to, String from, String subject, String body) {

        static CaughtMail of(MimeMessage message) {
            try {
                Address[] recipients = message.getAllRecipients();
                List<String> to = recipients == null
                        ? List.of()
                        : Arrays.stream(recipients).map(MailCatcher::address).collect(Collectors.toList());
                Address[] from = message.getFrom();
                return new CaughtMail(
                        to,
                        from == null || from.length == 0 ? "" : address(from[0]),
                        message.getSubject(),
                        body(message));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String body(MimeMessage message) {
            try {
                Object content = message.getContent();
                if (content instanceof String text) {
                    return text;
                }
                return GreenMailUtil.getBody(message);
            } catch (IOException | MessagingException e) {
                return GreenMailUtil.getBody(message);
            }
        }

        String toJson() {
            return "{\"to\":" + to.stream().map(CaughtMail::quote).collect(Collectors.joining(",", "[", "]"))
                    + ",\"from\":" + quote(from) + ",\"subject\":" + quote(subject) + ",\"body\":" + quote(body) + "}";
        }

        private static String quote(String s) {
            if (s == null) {
                return "null";
            }
            StringBuilder out = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }

    private static String address(Address address) {
        if (address instanceof jakarta.mail.internet.InternetAddress internet) {
            return internet.getAddress();
        }
        return address.toString();
    }
}
