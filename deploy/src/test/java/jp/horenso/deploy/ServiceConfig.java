package jp.horenso.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A module's {@code application.properties} as the {@code prod} profile sees it. */
record ServiceConfig(String module, Map<String, String> prod) {

    static final List<String> APPS =
            List.of("incident-service", "escalation-service", "notification-service", "web", "public-site");
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:([^}]*))?}");

    static ServiceConfig of(String module) {
        Path file = Repo.root().resolve(module).resolve("src/main/resources/application.properties");
        Map<String, String> all = new LinkedHashMap<>();
        String pending = "";
        for (String raw : Yaml.read(file).split("\n")) {
            String line = pending + raw.strip();
            if (line.endsWith("\\")) {
                pending = line.substring(0, line.length() - 1);
                continue;
            }
            pending = "";
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            all.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        Map<String, String> prod = new LinkedHashMap<>();
        all.forEach((key, value) -> {
            if (!key.startsWith("%")) {
                prod.putIfAbsent(key, value);
            }
        });
        all.forEach((key, value) -> {
            if (key.startsWith("%")) {
                int dot = key.indexOf('.');
                if (List.of(key.substring(1, dot).split(",")).contains("prod")) {
                    prod.put(key.substring(dot + 1), value);
                }
            }
        });
        return new ServiceConfig(module, prod);
    }

    Optional<String> value(String key) {
        return Optional.ofNullable(prod.get(key));
    }

    /** An environment variable the prod profile reads, and its default (null: none). */
    record EnvReference(String name, String defaultValue, String property) {}

    List<EnvReference> environment() {
        List<EnvReference> references = new ArrayList<>();
        prod.forEach((key, value) -> {
            Matcher m = ENV.matcher(value);
            while (m.find()) {
                references.add(new EnvReference(m.group(1), m.group(2) == null ? null : m.group(3), key));
            }
        });
        return references;
    }
}
