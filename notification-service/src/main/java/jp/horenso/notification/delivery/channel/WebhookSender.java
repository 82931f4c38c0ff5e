package jp.horenso.notification.delivery.channel;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jp.horenso.notification.config.NotificationConfig;
import jp.horenso.notification.delivery.Channel;
import jp.horenso.notification.recipient.service.WebhookTargets;

/**
 * Posts notifications to webhooks in the receiver's format. Every request carries {@code Idempotency-Key} (the
 * notification id: a receiver drops a repeat), and, when the channel has a secret,
 * {@code X-Horenso-Timestamp} and {@code X-Horenso-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">}
 * so the receiver can check who sent it and refuse an old request replayed.
 */
@ApplicationScoped
public class WebhookSender implements ChannelSender {

    public static final String SIGNATURE = "X-Horenso-Signature";
    public static final String TIMESTAMP = "X-Horenso-Timestamp";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final WebhookBodies bodies;
    private final WebhookTargets targets;
    private final HttpClient client;
    private final Duration requestTimeout;

    public WebhookSender(WebhookBodies bodies, WebhookTargets targets, NotificationConfig config) {
        this.bodies = bodies;
        this.targets = targets;
        this.requestTimeout = config.webhook().requestTimeout();
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.webhook().connectTimeout())
                // A redirect could carry the signed body somewhere nobody configured.
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public void send(OutgoingMessage message) {
        // Checked again now: the setting was checked when saved, but what its host resolves to may have changed.
        targets.refusalForSending(message.address()).ifPresent(refusal -> {
            throw new DeliveryFailedException(
                    "webhook target refused, nothing sent (" + refusal + "): " + message.target()
                            + (refusal == WebhookTargets.Refusal.FORBIDDEN_ADDRESS
                                    ? " resolves to a loopback, private, link-local, unspecified or multicast address"
                                            + " and is not on horenso.notification.webhook.allowed-hosts"
                                    : ""),
                    null);
        });
        byte[] body = bodies.body(message);
        // Signed with the send time, which the receiver compares with its own clock: this machine's (NTP) clock,
        // taken outside any transaction, not a stamp the service records.
        long timestamp = Instant.now().getEpochSecond();
        URI url = URI.create(message.address());
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Horenso-notification-service")
                .header(IDEMPOTENCY_KEY, message.notificationId().toString())
                .header(TIMESTAMP, Long.toString(timestamp))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        String secret = message.endpoint().secret();
        if (secret != null) {
            request.header(SIGNATURE, signature(secret, timestamp, body));
        }
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new DeliveryFailedException("no connection to " + url.getHost() + ": " + e, e);
        } catch (HttpTimeoutException e) {
            throw new DeliveryInDoubtException("no answer from " + url.getHost() + " in time", e);
        } catch (IOException e) {
            // The request may have been read before the connection broke.
            throw new DeliveryInDoubtException("connection to " + url.getHost() + " broke: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryInDoubtException("interrupted while waiting for " + url.getHost(), e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new DeliveryFailedException("HTTP " + status + " from " + url.getHost(), null);
        }
    }

    /** {@code sha256=<hex>} of HMAC-SHA256 over {@code "<timestamp>.<body>"}. */
    public static String signature(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
