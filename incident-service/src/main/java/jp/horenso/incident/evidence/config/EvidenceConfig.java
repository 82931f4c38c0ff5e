package jp.horenso.incident.evidence.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import java.util.List;

/** What evidence the service accepts (values in application.properties, section Evidence). */
@ConfigMapping(prefix = "horenso.evidence")
public interface EvidenceConfig {

    /** Largest piece of evidence accepted, e.g. {@code 20M}; larger uploads get 413. */
    MemorySize maxSize();

    /**
     * Media types accepted ({@code type/subtype}, or {@code type/*} for a whole family); anything else gets 415.
     */
    List<String> allowedContentTypes();
}
