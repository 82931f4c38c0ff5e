package jp.horenso.notification.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;

/** The mails the test SMTP server (GreenMail) received, read from its JSON view. */
public final class Mailbox {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One received mail, decoded by the server (subject per RFC 2047, body per its charset). */
    public record ReceivedMail(List<String> to, String from, String subject, String body) {}

    private Mailbox() {}

    /** Every mail received so far. */
    public static List<ReceivedMail> all() {
        String url = ConfigProvider.getConfig().getValue("horenso.test.mail-api-url", String.class);
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            List<ReceivedMail> mails = new ArrayList<>();
            for (JsonNode mail : JSON.readTree(response.body())) {
                List<String> to = new ArrayList<>();
                mail.get("to").forEach(address -> to.add(address.asText()));
                mails.add(new ReceivedMail(
                        to,
                        mail.get("from").asText(),
                        mail.get("subject").asText(),
                        mail.get("body").asText()));
            }
            return mails;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The mails whose subject contains {@code text} (tests put a unique case number there). */
    public static List<ReceivedMail> withSubjectContaining(String text) {
        return all().stream()
                .filter(m -> m.subject() != null && m.subject().contains(text))
                .toList();
    }

    /** Waits until a mail whose subject contains {@code text} arrived, or fails after {@code timeout}. */
    public static ReceivedMail awaitMail(String subjectContains, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        Predicate<ReceivedMail> match = m -> m.subject() != null && m.subject().contains(subjectContains);
        while (Instant.now().isBefore(end)) {
            for (ReceivedMail mail : all()) {
                if (match.test(mail)) {
                    return mail;
                }
            }
            pause();
        }
        throw new AssertionError("no mail with '" + subjectContains + "' in the subject within " + timeout);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
