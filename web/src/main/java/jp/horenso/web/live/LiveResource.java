package jp.horenso.web.live;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import jp.horenso.web.common.AccessTokens;
import jp.horenso.web.upstream.VisibilityApi;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Server-Sent Events for the dashboard, the case page and the inbox. A change reaches a browser only when its
 * event names the viewer's organisation (the token's {@code organisation} claim; a token without one opens no
 * stream, see {@code OrganisationGate}) and incident-service has confirmed, with the token this stream was opened
 * with, that its person may see the case (their unit or department for chiefs and heads, their own reports for
 * staff). The "may see" answers are remembered per stream, that is per person and organisation, never shared.
 * The stream ends when that token expires; the browser reconnects with the refreshed one. Anyone signed in who
 * belongs to an organisation (the installation administrator sees no cases, so gets an empty stream).
 */
@Path("/events")
@Authenticated
public class LiveResource {

    /** How long a "may see" answer is reused for the same case on the same stream. */
    private static final Duration REMEMBER = Duration.ofSeconds(30);

    @Inject
    LiveEvents events;

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @Inject
    @RestClient
    VisibilityApi visibility;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<Change> stream() {
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        String raw = credential != null ? credential.getToken() : token.getRawToken();
        String bearer = "Bearer " + raw;
        Duration life = lifetime(raw);
        Map<UUID, Seen> seen = new ConcurrentHashMap<>();
        String organisation = organisation();
        return events.changes()
                .select()
                .where(event -> organisation != null && organisation.equals(event.organisation()))
                .map(LiveEvents.OrganisationChange::change)
                .onOverflow()
                .buffer(1024)
                .onItem()
                .transformToUniAndConcatenate(
                        change -> maySee(bearer, change, seen).map(ok -> ok ? change : null))
                .select()
                .where(change -> change != null)
                .select()
                .first(life);
    }

    /** The viewer's organisation, from the token the stream was opened with; null when it names none. */
    private String organisation() {
        return AccessTokens.claim(identity, token, AccessTokens.ORGANISATION);
    }

    private Uni<Boolean> maySee(String bearer, Change change, Map<UUID, Seen> seen) {
        Seen known = seen.get(change.incidentId());
        if (known != null && known.at().plus(REMEMBER).isAfter(Instant.now())) {
            return Uni.createFrom().item(known.visible());
        }
        return Uni.createFrom()
                .item(() -> {
                    try (Response r = visibility.show(bearer, change.incidentId())) {
                        boolean visible = r.getStatus() == 200;
                        seen.put(change.incidentId(), new Seen(visible, Instant.now()));
                        return visible;
                    } catch (RuntimeException e) {
                        return false;
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Duration lifetime(String raw) {
        try {
            long exp = token.getExpirationTime();
            if (credential(raw) && exp > 0) {
                Duration left = Duration.between(Instant.now(), Instant.ofEpochSecond(exp));
                return left.isNegative() ? Duration.ofSeconds(5) : left;
            }
        } catch (RuntimeException e) {
            // fall through
        }
        return Duration.ofMinutes(5);
    }

    private boolean credential(String raw) {
        return raw != null && raw.equals(token.getRawToken());
    }

    private record Seen(boolean visible, Instant at) {}
}
