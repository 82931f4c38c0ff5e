package jp.horenso.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a packaged module is launched — the one place that says it, for the local stack, the system tests and the
 * benchmarks: {@code java <module>/jvm.options [extra options] -jar quarkus-run.jar} in the module's
 * {@code target/quarkus-app}, with the class-data archive {@link ClassDataArchive} chooses in place of the
 * {@code app-cds.jsa} line of {@code jvm.options}, and the environment that wires a service to its PostgreSQL, Kafka
 * and OpenID provider.
 *
 * <pre>{@code
 * ServiceLaunch launch = ServiceLaunch.of(repoRoot, "incident-service")
 *         .port(8081).postgres(postgres, "incident").kafka(kafka.bootstrapServers()).oidc(issuer);
 * Process p = launch.processBuilder().redirectOutput(log.toFile()).start();
 * … p.destroy(); p.waitFor(launch.stopGrace()…); launch.afterExit(wasReady, log);
 * }</pre>
 *
 * One object is one start: the command line (and with it the archive choice) is fixed at the first
 * {@link #command()}; a training start must be followed by {@link #afterExit} once its JVM ended.
 */
public final class ServiceLaunch {

    /** How long a stop may take before the program is killed; a training run writes its archive while it exits. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private static final Duration TRAINING_STOP_GRACE = Duration.ofMinutes(10);

    private final Path module;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> extraOptions = new ArrayList<>();
    private ServiceJava java = ServiceJava.fromEnvironment();
    private ClassDataArchive.Policy policy = ClassDataArchive.Policy.fromEnvironment(ClassDataArchive.Policy.TRAINED)
            .withoutTraining();
    private List<String> command;
    private List<String> serviceOptions;
    private ClassDataArchive.Choice choice;

    private ServiceLaunch(Path module) {
        this.module = module.toAbsolutePath().normalize();
    }

    /** A launch of the module in {@code module} (a folder of the repository, e.g. {@code …/incident-service}). */
    public static ServiceLaunch of(Path module) {
        return new ServiceLaunch(module);
    }

    public static ServiceLaunch of(Path repoRoot, String module) {
        return new ServiceLaunch(repoRoot.resolve(module));
    }

    /** Where a module's packaged application is, and where it runs. */
    public static Path appFolder(Path module) {
        return module.resolve("target/quarkus-app");
    }

    // ------------------------------------------------------------------------------------------------ the JVM

    /**
     * Which class-data archive to start with (default: {@code HORENSO_CLASS_DATA}, else
     * {@link ClassDataArchive.Policy#TRAINED}; training only when asked here, by a caller that reports the end with
     * {@link #afterExit}). Only for a module whose {@code jvm.options} names {@code app-cds.jsa}.
     */
    public ServiceLaunch classData(ClassDataArchive.Policy policy) {
        this.policy = policy;
        return this;
    }

    /** The JDK the service runs on (default: {@link ServiceJava#fromEnvironment()}). */
    public ServiceLaunch java(ServiceJava java) {
        this.java = java;
        return this;
    }

    /** JVM options after {@code jvm.options}, before {@code -jar}. */
    public ServiceLaunch jvmOptions(List<String> options) {
        extraOptions.addAll(options);
        return this;
    }

    // ------------------------------------------------------------------------------------------------ the environment

    /** {@code QUARKUS_HTTP_PORT}. */
    public ServiceLaunch port(int port) {
        return env("QUARKUS_HTTP_PORT", Integer.toString(port));
    }

    /**
     * The service's database on {@code postgres}: it connects as the application role {@code horenso_app}; Flyway
     * migrates as the owner, whose {@code afterMigrate} grants the application role its rights.
     */
    public ServiceLaunch postgres(EmbeddedPostgresServer postgres, String database) {
        env("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
        env("QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgresServer.APP_USER);
        env("QUARKUS_DATASOURCE_PASSWORD", EmbeddedPostgresServer.APP_PASSWORD);
        // Migrations run as the owner, which grants the application role only INSERT and SELECT on the trails.
        env("QUARKUS_FLYWAY_USERNAME", EmbeddedPostgresServer.USER);
        env("QUARKUS_FLYWAY_PASSWORD", EmbeddedPostgresServer.PASSWORD);
        return env("HORENSO_DB_APP_ROLE", EmbeddedPostgresServer.APP_USER);
    }

    /** {@code KAFKA_BOOTSTRAP_SERVERS}. */
    public ServiceLaunch kafka(String bootstrapServers) {
        return env("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    }

    /** The OpenID provider whose tokens the service accepts (Keycloak's realm, or a benchmark's own issuer). */
    public ServiceLaunch oidc(String issuer) {
        return env("QUARKUS_OIDC_AUTH_SERVER_URL", issuer);
    }

    /**
     * As the local stack runs every service: {@code MALLOC_ARENA_MAX=2} (glibc's malloc keeps an arena per busy
     * thread, up to 8 per core; two keep the JVM's native memory small) and the readable log format instead of the
     * prod profile's JSON lines.
     */
    public ServiceLaunch localRuntime() {
        env("MALLOC_ARENA_MAX", "2");
        return env("HORENSO_LOG_JSON", "false");
    }

    /** {@code HORENSO_AUDIT_SEAL_KEY}: seals the case trails' heads (incident-service). */
    public ServiceLaunch sealKey(String key) {
        return env("HORENSO_AUDIT_SEAL_KEY", key);
    }

    /** {@code HORENSO_NOTIFICATION_ACK_LINK_SECRET}: signs the acknowledgement links in mail. */
    public ServiceLaunch ackLinkKey(String key) {
        return env("HORENSO_NOTIFICATION_ACK_LINK_SECRET", key);
    }

    /** {@code HORENSO_INCIDENT_BASE_URL}. */
    public ServiceLaunch incidentUrl(String url) {
        return env("HORENSO_INCIDENT_BASE_URL", url);
    }

    /** {@code HORENSO_NOTIFICATION_BASE_URL}. */
    public ServiceLaunch notificationUrl(String url) {
        return env("HORENSO_NOTIFICATION_BASE_URL", url);
    }

    /** {@code HORENSO_CONSOLE_BASE_URL}: the web console's address, in links of mail. */
    public ServiceLaunch consoleUrl(String url) {
        return env("HORENSO_CONSOLE_BASE_URL", url);
    }

    /** Mail through an SMTP server on loopback (the mail catcher), sent as Demo City's Horenso. */
    public ServiceLaunch mail(int smtpPort) {
        env("HORENSO_NOTIFICATION_MAIL_FROM", "horenso@demo-city.example.jp");
        env("QUARKUS_MAILER_HOST", "127.0.0.1");
        return env("QUARKUS_MAILER_PORT", Integer.toString(smtpPort));
    }

    /** The two demo organisations seeded (the prod profile seeds none). */
    public ServiceLaunch demoOrganisations() {
        return env("HORENSO_ESCALATION_SEED_FILES", "seed/demo-city.yaml,seed/demo-gikai.yaml");
    }

    public ServiceLaunch env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public ServiceLaunch env(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    // ------------------------------------------------------------------------------------------------ the launch

    /**
     * java, the module's JVM options (the archive line replaced by {@link #classDataChoice()}'s option, or left out),
     * the extra options, {@code -jar quarkus-run.jar}. Fixed at the first call.
     */
    public synchronized List<String> command() {
        if (command == null) {
            List<String> options = jvmOptions(module);
            boolean namesArchive = options.stream().anyMatch(ServiceLaunch::isArchiveOption);
            boolean extraNamesArchive = extraOptions.stream().anyMatch(ServiceLaunch::isArchiveOption);
            serviceOptions = options.stream().filter(o -> !isArchiveOption(o)).toList();
            List<String> list = new ArrayList<>();
            list.add(java.executable());
            if (namesArchive && !extraNamesArchive) {
                choice = ClassDataArchive.in(appFolder(module), java).choose(policy);
                for (String option : options) {
                    if (!isArchiveOption(option)) {
                        list.add(option);
                    } else if (choice.option() != null) {
                        list.add(choice.option());
                    }
                }
                if (choice.kind() == ClassDataArchive.Kind.TRAINING) {
                    log("training its class-data archive: written when it stops (" + choice.trainingFile() + ")");
                }
            } else {
                // No archive line (the console, the public site), or the caller names its own archive.
                choice = new ClassDataArchive.Choice(ClassDataArchive.Kind.NONE, null, null, null);
                list.addAll(namesArchive ? withoutMissingArchive(options) : options);
            }
            list.addAll(extraOptions);
            list.addAll(List.of("-jar", "quarkus-run.jar"));
            command = List.copyOf(list);
        }
        return command;
    }

    /** The class-data archive this start runs with (decided by {@link #command()}). */
    public synchronized ClassDataArchive.Choice classDataChoice() {
        command();
        return choice;
    }

    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    /** The folder the JVM runs in: the module's {@code target/quarkus-app}. */
    public Path directory() {
        return appFolder(module);
    }

    public Path module() {
        return module;
    }

    /** A process builder with the command, the folder and the environment (added to the launcher's own). */
    public ProcessBuilder processBuilder() {
        ProcessBuilder builder =
                new ProcessBuilder(command()).directory(directory().toFile());
        builder.environment().putAll(environment);
        return builder;
    }

    /** How long to wait for the JVM after SIGTERM before killing it: minutes when it writes its archive at exit. */
    public Duration stopGrace() {
        return classDataChoice().kind() == ClassDataArchive.Kind.TRAINING ? TRAINING_STOP_GRACE : STOP_GRACE;
    }

    /**
     * After the JVM ended: a training run's archive is kept when the service had been ready ({@code wasReady}) and
     * the JVM accepts it; a trained archive the JVM refused at start (its warning in {@code log}) is forgotten, so
     * the next training start replaces it. Nothing to do for other starts.
     */
    public void afterExit(boolean wasReady, Path log) {
        ClassDataArchive.Choice c = classDataChoice();
        ClassDataArchive archive = ClassDataArchive.in(directory(), java);
        if (c.kind() == ClassDataArchive.Kind.TRAINING) {
            // Checked with every option the service ran with: some decide whether an archive fits (e.g.
            // -XX:+UseCompactObjectHeaders).
            List<String> options = new ArrayList<>(serviceOptions);
            extraOptions.stream().filter(o -> !isArchiveOption(o)).forEach(options::add);
            log(archive.keep(c, wasReady, options));
        } else if (c.kind() == ClassDataArchive.Kind.TRAINED && log != null && ClassDataArchive.refusedIn(log)) {
            archive.forget();
            log("the JVM refused the trained class-data archive (see " + log + "): forgotten, the next training start"
                    + " makes a new one");
        }
    }

    private void log(String message) {
        System.out.println("[local-stack] " + module.getFileName() + ": " + message);
    }

    // ------------------------------------------------------------------------------------------------ jvm.options

    private static boolean isArchiveOption(String option) {
        return option.startsWith("-XX:SharedArchiveFile")
                || option.startsWith("-XX:ArchiveClassesAtExit")
                || option.contains(ClassDataArchive.PACKAGED_FILE);
    }

    /** The options, without one naming {@code app-cds.jsa} when the build made none. */
    private List<String> withoutMissingArchive(List<String> options) {
        boolean present = Files.isRegularFile(appFolder(module).resolve(ClassDataArchive.PACKAGED_FILE));
        return options.stream()
                .filter(o -> present || !o.contains(ClassDataArchive.PACKAGED_FILE))
                .toList();
    }

    /**
     * The JVM options a module runs with ({@code <module>/jvm.options}: one option per line, {@code #} comments;
     * docs/benchmarks.md says why each is there), as written.
     */
    public static List<String> jvmOptions(Path module) {
        Path file = module.resolve("jvm.options");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> options = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String option = line.strip();
                if (!option.isEmpty() && !option.startsWith("#")) {
                    options.add(option);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return options;
    }
}
