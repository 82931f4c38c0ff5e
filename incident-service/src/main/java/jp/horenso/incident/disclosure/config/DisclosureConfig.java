package jp.horenso.incident.disclosure.config;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** Settings of public disclosure (values in application.properties, section Disclosure). */
@ConfigMapping(prefix = "horenso.disclosure")
public interface DisclosureConfig {

    /**
     * The organisation's own public contact details (phone, address, e-mail of the inquiry desk): a disclosure text
     * may contain these; any other phone number, address or e-mail address is refused as possible personal data.
     */
    Optional<List<String>> publicContacts();
}
