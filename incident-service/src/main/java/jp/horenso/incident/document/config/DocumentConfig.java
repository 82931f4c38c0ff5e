package jp.horenso.incident.document.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** Settings of the generated documents: how each organisation's name is written on them. */
@ConfigMapping(prefix = "horenso.documents")
public interface DocumentConfig {

    /** Organisation code (as in the tokens and on the case) → its name; a code without an entry is printed as is. */
    Map<String, OrganisationName> organisations();

    /** An organisation's name in both languages, and the contact printed on letters to persons. */
    interface OrganisationName {
        String ja();

        String en();

        /** The inquiry desk printed on the notice to persons (本人通知). */
        @WithDefault("-")
        String contact();
    }
}
