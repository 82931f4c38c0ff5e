package jp.horenso.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Secrets are referenced by name only, never committed: no Secret object is in the manifests, and every Secret a
 * manifest names (environment, volumes, the operators' references, the realm import's placeholders) is listed in
 * docs/operations.md, so an installation knows what to create.
 */
class SecretsDocumentedTest {

    private static final Pattern SECRET_REFERENCE =
            Pattern.compile("(?i).*(secret|accessKeyId|secretAccessKey|endpointCA).*");

    static Set<String> referenced(String overlay) {
        Set<String> names = new TreeSet<>();
        Repo.render(overlay).forEach(o -> collect(o, "", names));
        return names;
    }

    private static void collect(JsonNode node, String key, Set<String> names) {
        if (node.isObject()) {
            if (SECRET_REFERENCE.matcher(key).matches() && node.path("name").isTextual()) {
                names.add(node.get("name").asText());
            }
            node.fields().forEachRemaining(f -> {
                if ((f.getKey().equals("secretName") || f.getKey().equals("tlsSecret"))
                        && f.getValue().isTextual()) {
                    names.add(f.getValue().asText());
                }
                collect(f.getValue(), f.getKey(), names);
            });
        } else if (node.isArray()) {
            node.forEach(e -> collect(e, key, names));
        }
    }

    @Test
    void noSecretIsCommittedAndEveryReferencedOneIsDocumented() {
        String doc = Yaml.read(Repo.root().resolve("docs/operations.md"));
        for (String overlay : Repo.OVERLAYS) {
            assertEquals(
                    java.util.List.of(),
                    Repo.ofKind(Repo.render(overlay), "Secret").stream()
                            .map(Kustomize::id)
                            .toList());
            Set<String> names = referenced(overlay);
            assertTrue(names.size() >= 15, names.toString());
            Set<String> missing = new TreeSet<>();
            for (String name : names) {
                if (!doc.contains("`" + name + "`")) {
                    missing.add(name);
                }
            }
            assertEquals(Set.of(), missing, overlay + ": Secrets not in docs/operations.md");
        }
    }
}
