package jp.horenso.notification.recipient.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import jp.horenso.notification.config.NotificationConfig;

/**
 * Which URLs a webhook may point at (SSRF guard): {@code https} only (plain {@code http} only where
 * {@code horenso.notification.webhook.allow-http} is set: dev and test), and never a host that resolves to a
 * loopback, private (RFC 1918, 100.64/10, fc00::/7), link-local (169.254/16, fe80::/10), unspecified (0/8, ::) or
 * multicast address — unless the host, as written in the URL, is on the installation's allow-list
 * ({@code horenso.notification.webhook.allowed-hosts}). Checked when the setting is saved and again before every
 * send, because what a name resolves to may change.
 */
@ApplicationScoped
public class WebhookTargets {

    /** Why a URL is not a webhook target; {@link #key} is the problem text of the setting's field. */
    public enum Refusal {
        NOT_A_URL("recipient.webhook-url"),
        HTTPS_REQUIRED("recipient.webhook-https"),
        FORBIDDEN_ADDRESS("recipient.webhook-address"),
        UNRESOLVABLE("recipient.webhook-unresolvable");

        public final String key;

        Refusal(String key) {
            this.key = key;
        }
    }

    /** The resolver, replaceable in tests of the rule itself. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<String> allowedHosts;
    private final boolean allowHttp;
    private final Resolver resolver;

    @Inject
    public WebhookTargets(NotificationConfig config) {
        this(
                config.webhook().allowedHosts().orElse(List.of()),
                config.webhook().allowHttp(),
                InetAddress::getAllByName);
    }

    WebhookTargets(List<String> allowedHosts, boolean allowHttp, Resolver resolver) {
        this.allowedHosts = allowedHosts.stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.allowHttp = allowHttp;
        this.resolver = resolver;
    }

    /**
     * Why {@code url} may not be saved as a webhook, or empty. A name that does not resolve now is accepted (it
     * may be an internal name of the receiver's network that only resolves later): it is checked at every send.
     */
    public Optional<Refusal> refusalForSaving(String url) {
        return refusal(url).filter(r -> r != Refusal.UNRESOLVABLE);
    }

    /** Why a message may not be sent to {@code url} now, or empty. */
    public Optional<Refusal> refusalForSending(String url) {
        return refusal(url);
    }

    private Optional<Refusal> refusal(String url) {
        URI uri;
        try {
            uri = url == null || url.length() > 2000 ? null : URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            return Optional.of(Refusal.NOT_A_URL);
        }
        if ("http".equals(uri.getScheme()) && !allowHttp) {
            return Optional.of(Refusal.HTTPS_REQUIRED);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (allowedHosts.contains(host)) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException | SecurityException e) {
            return Optional.of(Refusal.UNRESOLVABLE);
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                return Optional.of(Refusal.FORBIDDEN_ADDRESS);
            }
        }
        return addresses.length == 0 ? Optional.of(Refusal.UNRESOLVABLE) : Optional.empty();
    }

    /** Whether the address is one no webhook may reach without being on the allow-list. */
    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            return first == 0 // "this network", 0.0.0.0/8
                    || (first == 100 && (b[1] & 0xc0) == 64) // shared address space (carrier-grade NAT), 100.64/10
                    || first >= 240; // reserved and broadcast
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return true; // unique local, fc00::/7
        }
        // IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) forms: judge the IPv4 address they carry.
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            compatible &= b[i] == 0;
        }
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (compatible || nat64) {
            try {
                return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            } catch (UnknownHostException e) {
                return true;
            }
        }
        return false;
    }
}
