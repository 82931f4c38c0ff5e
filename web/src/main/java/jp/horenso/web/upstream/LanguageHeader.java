package jp.horenso.web.upstream;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jp.horenso.web.common.Lang;

/** Asks the services for their messages (problem+json) in the person's language. */
public class LanguageHeader implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        ManagedContext context = Arc.container().requestContext();
        String lang = "ja";
        if (context.isActive()) {
            lang = Arc.container().instance(Lang.class).get().code();
        }
        request.getHeaders().putSingle("Accept-Language", "en".equals(lang) ? "en" : "ja");
    }
}
