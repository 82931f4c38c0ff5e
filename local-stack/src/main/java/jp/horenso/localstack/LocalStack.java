package jp.horenso.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole Horenso system on one machine: PostgreSQL (a database per service and one for Keycloak), Kafka,
 * the mail catcher, Keycloak with the demo realm, and the three packaged services. Used by {@link Main} and
 * by the system tests.
 */
public final class LocalStack implements AutoCloseable {

    /** The three services, in start order, with their database names. */
    public static final List<String> SERVICES =
            List.of("incident-service", "escalation-service", "notification-service");
    /** The web console: started after the services, holds no data of its own. */
    public static final String CONSOLE = "web";
    /** The public disclosure site (no login): reads only incident-service's public endpoint. */
    public static final String PUBLIC_SITE = "public-site";

    private final Settings settings;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, ChildProcess> services = new LinkedHashMap<>();
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private MailCatcher mail;
    private KeycloakServer keycloak;
    /** An installed PostgreSQL's bin folder to run instead of zonky's binaries; null for zonky's. */
    private final Path postgresBinaries;
    /** A Keycloak that already runs (then the stack starts no Keycloak, web console nor public site); or null. */
    private final KeycloakServer sharedKeycloak;

    private LocalStack(Settings settings) {
        this(settings, null, null);
    }

    private LocalStack(Settings settings, Path postgresBinaries, KeycloakServer sharedKeycloak) {
        this.settings = settings;
        this.postgresBinaries = postgresBinaries;
        this.sharedKeycloak = sharedKeycloak;
    }

    /**
     * The three services only, with their own PostgreSQL (from an installed distribution's {@code bin} folder, e.g.
     * Debian's {@code /usr/lib/postgresql/15/bin} with pg_dump and pg_restore beside it), Kafka and mail catcher,
     * against a Keycloak that already runs (not stopped with this stack): the backup and restore proof.
     */
    public static LocalStack startServicesOnly(Settings settings, Path postgresBinaries, KeycloakServer keycloak) {
        LocalStack stack = new LocalStack(settings, postgresBinaries, keycloak);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Starts everything and waits until each part is ready; on failure stops what had started. */
    public static LocalStack start(Settings settings) {
        LocalStack stack = new LocalStack(settings);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        Path data = settings.dataDir();
        log("PostgreSQL on 127.0.0.1:" + settings.postgresPort());
        postgres = remember(startPostgres(data.resolve("postgres"), settings.clean()));
        postgres.ensureDatabases("incident", "escalation", "notification", "keycloak")
                .ensureApplicationRole();
        log("Kafka on 127.0.0.1:" + settings.kafkaPort());
        if (settings.clean()) {
            deleteRecursively(data.resolve("kafka"));
            deleteRecursively(data.resolve("ack-link.secret"));
        }
        kafka = remember(
                EmbeddedKafkaBroker.start(data.resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort()));
        log("mail catcher: SMTP 127.0.0.1:" + settings.smtpPort());
        mail = remember(MailCatcher.start(settings.smtpPort(), settings.imapPort(), settings.mailWebPort()));
        if (sharedKeycloak != null) {
            keycloak = sharedKeycloak;
            startServices();
            return;
        }
        log("Keycloak on http://localhost:" + settings.keycloakPort() + " (the first start takes about a minute)");
        keycloak = remember(KeycloakServer.start(
                settings.repoRoot().resolve("local-stack/target/keycloak"),
                settings.repoRoot().resolve("deploy/keycloak/horenso-realm.json"),
                settings.keycloakPort(),
                settings.keycloakManagementPort(),
                postgres.jdbcUrl("keycloak"),
                data.resolve("logs/keycloak.log")));
        launchServices();
        startConsole();
        startPublicSite();
        awaitReady();
    }

    private EmbeddedPostgresServer startPostgres(Path baseDir, boolean clean) {
        return postgresBinaries == null
                ? EmbeddedPostgresServer.start(baseDir, settings.postgresPort(), clean)
                : EmbeddedPostgresServer.startInstalled(postgresBinaries, baseDir, settings.postgresPort(), clean);
    }

    private void launchServices() {
        for (String service : SERVICES) {
            log("starting " + service + " on http://localhost:" + servicePort(service));
            ChildProcess process = ChildProcess.start(
                    service, serviceLaunch(service), settings.dataDir().resolve("logs/" + service + ".log"));
            services.put(service, remember(process));
        }
    }

    private void awaitReady() {
        services.forEach((service, process) ->
                process.awaitHttpOk("http://localhost:" + port(service) + "/q/health/ready", Duration.ofMinutes(2)));
    }

    /** Starts the three services (again, after {@link #stopServices}) and waits until each is ready. */
    public void startServices() {
        launchServices();
        awaitReady();
    }

    /** Stops the three services (the web console and public site, if any, keep running). */
    public void stopServices() {
        // A training run writes its class-data archive as it exits: the three do it side by side.
        SERVICES.stream()
                .map(services::get)
                .filter(p -> p != null && p.trainsClassData())
                .forEach(ChildProcess::requestStop);
        for (int i = SERVICES.size() - 1; i >= 0; i--) {
            String service = SERVICES.get(i);
            ChildProcess process = services.remove(service);
            if (process != null) {
                process.close();
                started.remove(process);
            }
        }
    }

    /**
     * Stops PostgreSQL (its data stays where it was) and starts a FRESH cluster on the same port with its data in
     * {@code dataDir/<folder>}: no databases but {@code postgres}, no roles but the superuser — what a restore starts
     * from. Stop the services first.
     */
    public EmbeddedPostgresServer replacePostgres(String folder) {
        int at = started.indexOf(postgres);
        postgres.close();
        postgres = startPostgres(settings.dataDir().resolve(folder), true);
        if (at >= 0) {
            started.set(at, postgres);
        } else {
            started.add(postgres);
        }
        return postgres;
    }

    /** The web console, when it was built (web/target/quarkus-app); otherwise the stack runs without it. */
    private void startConsole() {
        Path jar = consoleJar(settings.repoRoot());
        if (!Files.isRegularFile(jar)) {
            log("web console not built (" + jar + "): starting without it");
            return;
        }
        log("starting the web console on " + consoleUrl());
        ServiceLaunch launch = ServiceLaunch.of(settings.repoRoot(), CONSOLE)
                .port(settings.webPort())
                .oidc(keycloak.realmUrl())
                .kafka(kafka.bootstrapServers())
                .incidentUrl(serviceUrl("incident-service"))
                .env("HORENSO_ESCALATION_BASE_URL", serviceUrl("escalation-service"))
                .notificationUrl(serviceUrl("notification-service"));
        ChildProcess process =
                ChildProcess.start(CONSOLE, launch, settings.dataDir().resolve("logs/web.log"));
        services.put(CONSOLE, remember(process));
    }

    /** The public disclosure site, when it was built; it needs nothing but incident-service. */
    private void startPublicSite() {
        Path jar = settings.repoRoot().resolve(PUBLIC_SITE).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            log("public site not built (" + jar + "): starting without it");
            return;
        }
        log("starting the public site on " + publicSiteUrl());
        ServiceLaunch launch = ServiceLaunch.of(settings.repoRoot(), PUBLIC_SITE)
                .port(settings.publicSitePort())
                .env("HORENSO_INCIDENT_SERVICE_URL", serviceUrl("incident-service"))
                .env("HORENSO_PUBLIC_SITE_BASE_URL", publicSiteUrl())
                // The packaged site runs the prod profile, which serves no organisation: the local stack is the demo.
                .env(
                        "QUARKUS_CONFIG_LOCATIONS",
                        demoOrganisationsOfThePublicSite().toUri().toString());
        ChildProcess process =
                ChildProcess.start(PUBLIC_SITE, launch, settings.dataDir().resolve("logs/public-site.log"));
        services.put(PUBLIC_SITE, remember(process));
    }

    /**
     * The organisations the public site serves in the local stack, the two demo organisations (the seeds
     * escalation-service is given), as a properties file in the data folder (their codes contain '-', which an
     * environment variable name cannot carry).
     */
    private Path demoOrganisationsOfThePublicSite() {
        Path file = settings.dataDir().resolve("public-site-organisations.properties");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, """
                    horenso.public-site.organisations.demo-city.ja=デモ市
                    horenso.public-site.organisations.demo-city.en=Demo City
                    horenso.public-site.organisations.demo-gikai.ja=デモ市議会
                    horenso.public-site.organisations.demo-gikai.en=Demo City Council
                    """, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The public site's address (organisation pages under /{organisation}/). */
    public String publicSiteUrl() {
        return "http://localhost:" + settings.publicSitePort();
    }

    /** Where the packaged web console is. */
    public static Path consoleJar(Path repoRoot) {
        return repoRoot.resolve(CONSOLE).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The web console's address (the first thing a person opens). */
    public String consoleUrl() {
        return "http://localhost:" + settings.webPort();
    }

    private int port(String name) {
        if (PUBLIC_SITE.equals(name)) {
            return settings.publicSitePort();
        }
        return CONSOLE.equals(name) ? settings.webPort() : servicePort(name);
    }

    /**
     * java, the module's JVM options, {@code -jar quarkus-run.jar}, to run in the module's {@code target/quarkus-app}
     * ({@link ServiceLaunch}, with the class-data archive it chooses: the trained one when it fits, else the one the
     * build made). For programs that start a module themselves; a training start needs {@link ServiceLaunch} itself.
     */
    public static List<String> javaCommand(Path module) {
        return ServiceLaunch.of(module).command();
    }

    /** Where a module's packaged application is, and where it runs. */
    public static Path appFolder(Path repoRoot, String module) {
        return ServiceLaunch.appFolder(repoRoot.resolve(module));
    }

    /** How one of the three services starts in this stack: its command line and its environment. */
    private ServiceLaunch serviceLaunch(String service) {
        Path jar = appFolder(settings.repoRoot(), service).resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("missing " + jar + ": build first with ./mvnw package -DskipTests");
        }
        return ServiceLaunch.of(settings.repoRoot(), service)
                .classData(settings.classData())
                .port(servicePort(service))
                .localRuntime()
                .postgres(postgres, databaseOf(service))
                .kafka(kafka.bootstrapServers())
                .oidc(keycloak.realmUrl())
                .incidentUrl("http://localhost:" + settings.incidentPort())
                .notificationUrl("http://localhost:" + settings.notificationPort())
                .ackLinkKey(dataFolderSecret("ack-link.secret"))
                // Seals the case trails' heads (incident-service); the same key across restarts, or older seals fail.
                .sealKey(dataFolderSecret("audit-seal.secret"))
                .consoleUrl(consoleUrl())
                .mail(settings.smtpPort())
                // The packaged services run the prod profile, which seeds no organisation: the local stack is the demo.
                .demoOrganisations()
                .env(settings.extraEnvironment());
    }

    /**
     * A key made once per data folder and kept there (the one that signs acknowledgement links, so links in mail stay
     * valid across restarts; the one that seals the trails, so older seals still verify). Never committed; wiped
     * with the data.
     */
    private String dataFolderSecret(String name) {
        Path file = settings.dataDir().resolve(name);
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                Files.createDirectories(file.getParent());
                Files.writeString(file, java.util.HexFormat.of().formatHex(key));
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String databaseOf(String service) {
        return service.substring(0, service.indexOf('-'));
    }

    /**
     * Another instance of one of the three services beside the running one (the scale-out model: same databases,
     * same broker, same consumer groups), listening on {@code port}, with its output in {@code logs/<instance>.log};
     * stopped with the stack. {@code extraEnvironment} comes on top of the service's (e.g. a Kafka client id).
     */
    public ChildProcess startInstance(String service, String instance, int port, Map<String, String> extraEnvironment) {
        ServiceLaunch launch = serviceLaunch(service).port(port).env(extraEnvironment);
        ChildProcess process =
                ChildProcess.start(instance, launch, settings.dataDir().resolve("logs/" + instance + ".log"));
        return remember(process);
    }

    /**
     * Stops the Kafka broker (a controlled shutdown), waits {@code down}, and starts it again with the same log
     * directory and ports: the clients reconnect by themselves.
     */
    public void restartKafka(Duration down) {
        int at = started.indexOf(kafka);
        kafka.close();
        ChildProcess.sleep(down.toMillis());
        kafka = EmbeddedKafkaBroker.start(
                settings.dataDir().resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort());
        if (at >= 0) {
            started.set(at, kafka);
        } else {
            started.add(kafka);
        }
    }

    /** Stops PostgreSQL, waits {@code down}, starts it again on the same data and port ({@link EmbeddedPostgresServer#restart}). */
    public void restartPostgres(Duration down) {
        postgres.restart(down);
    }

    /** The HTTP port of one of the three services. */
    public int servicePort(String service) {
        return switch (service) {
            case "incident-service" -> settings.incidentPort();
            case "escalation-service" -> settings.escalationPort();
            case "notification-service" -> settings.notificationPort();
            default -> throw new IllegalArgumentException(service);
        };
    }

    public String serviceUrl(String service) {
        return "http://localhost:" + servicePort(service);
    }

    public Settings settings() {
        return settings;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public EmbeddedKafkaBroker kafka() {
        return kafka;
    }

    public MailCatcher mail() {
        return mail;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    /** The running service processes by name (and the web console as "web", when it runs). */
    public Map<String, ChildProcess> services() {
        return Collections.unmodifiableMap(services);
    }

    private <T extends AutoCloseable> T remember(T part) {
        started.add(part);
        return part;
    }

    /** Stops every part in reverse start order. */
    @Override
    public void close() {
        // A training run writes its class-data archive as it exits: the services do it side by side.
        for (AutoCloseable part : started) {
            if (part instanceof ChildProcess process && process.trainsClassData()) {
                process.requestStop();
            }
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                log("while stopping: " + e);
            }
        }
        started.clear();
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void log(String message) {
        System.out.println("[local-stack] " + message);
    }

    /**
     * Where each part listens and where data goes.
     *
     * @param clean wipe PostgreSQL and Kafka data before starting
     * @param extraEnvironment extra environment variables for the three services
     * @param classData which class-data archive the three services start with ({@link ClassDataArchive}): by default
     *     the trained one when it fits the build, else the one the build made; {@code ./horenso-local} trains
     */
    public record Settings(
            Path repoRoot,
            Path dataDir,
            boolean clean,
            int postgresPort,
            int kafkaPort,
            int kafkaControllerPort,
            int keycloakPort,
            int keycloakManagementPort,
            int smtpPort,
            int imapPort,
            int mailWebPort,
            int incidentPort,
            int escalationPort,
            int notificationPort,
            int webPort,
            int publicSitePort,
            Map<String, String> extraEnvironment,
            ClassDataArchive.Policy classData) {

        /** The fixed ports the README documents. */
        public static Settings localDefaults(Path repoRoot, Path dataDir, boolean clean) {
            return new Settings(
                    repoRoot,
                    dataDir,
                    clean,
                    5433,
                    9092,
                    9093,
                    8180,
                    9180,
                    2525,
                    3143,
                    8025,
                    8081,
                    8082,
                    8083,
                    8080,
                    8084,
                    Map.of(),
                    ClassDataArchive.Policy.fromEnvironment(ClassDataArchive.Policy.TRAINED));
        }

        /** Free ports everywhere, so that tests never collide with a running local stack. */
        public static Settings forTests(Path repoRoot, Path dataDir, Map<String, String> extraEnvironment) {
            return new Settings(
                    repoRoot,
                    dataDir,
                    true,
                    Ports.free(),
                    Ports.free(),
                    Ports.free(),
                    Ports.free(),
                    Ports.free(),
                    Ports.free(),
                    Ports.free(),
                    0,
                    Ports.free(),
                    Ports.free(),
                    Ports.free(),
                    Ports.free(),
                    Ports.free(),
                    extraEnvironment,
                    ClassDataArchive.Policy.fromEnvironment(ClassDataArchive.Policy.TRAINED));
        }

        /** The same, the services starting with {@code classData} (e.g. {@link ClassDataArchive.Policy#TRAIN}). */
        public Settings withClassData(ClassDataArchive.Policy classData) {
            return new Settings(
                    repoRoot,
                    dataDir,
                    clean,
                    postgresPort,
                    kafkaPort,
                    kafkaControllerPort,
                    keycloakPort,
                    keycloakManagementPort,
                    smtpPort,
                    imapPort,
                    mailWebPort,
                    incidentPort,
                    escalationPort,
                    notificationPort,
                    webPort,
                    publicSitePort,
                    extraEnvironment,
                    classData);
        }
    }
}
