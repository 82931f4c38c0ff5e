package jp.horenso.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Starts the whole system locally, prints where to go and how to log in, and stops it all on Ctrl-C. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        List<String> options = List.of(args);
        if (options.contains("--help")) {
            System.out.println("usage: horenso-local [--reset]   (--reset wipes the data in .horenso/)");
            System.out.println(
                    "  The first run of a build trains each service's class-data archive (written when it stops);");
            System.out.println(
                    "  the next starts load it. HORENSO_CLASS_DATA=packaged|trained|train chooses otherwise.");
            return;
        }
        Path repoRoot = Path.of(System.getProperty("horenso.repo.root", "."))
                .toAbsolutePath()
                .normalize();
        Path dataDir = repoRoot.resolve(".horenso");
        boolean reset = options.contains("--reset");
        // The first run of a build trains each service's class-data archive; later starts are faster with it.
        LocalStack.Settings settings = LocalStack.Settings.localDefaults(repoRoot, dataDir, reset)
                .withClassData(ClassDataArchive.Policy.fromEnvironment(ClassDataArchive.Policy.TRAIN));
        for (int port : new int[] {
            settings.postgresPort(),
            settings.kafkaPort(),
            settings.keycloakPort(),
            settings.smtpPort(),
            settings.incidentPort(),
            settings.escalationPort(),
            settings.notificationPort(),
            settings.webPort(),
            settings.publicSitePort()
        }) {
            if (Ports.inUse(port)) {
                System.err.println("port " + port + " is already in use: is another Horenso running?");
                System.exit(2);
            }
        }
        long started = System.nanoTime();
        LocalStack stack = LocalStack.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\n[local-stack] stopping / 停止しています …");
            stack.close();
            stopped.countDown();
        }));
        System.out.println(banner(settings, (System.nanoTime() - started) / 1_000_000_000L));
        stopped.await();
    }

    private static String banner(LocalStack.Settings s, long seconds) {
        return """

                ============================================================================
                 Horenso 報連相 は起動しました / is running  (%d s)
                ============================================================================
                 ▶ Webコンソール / web console   http://localhost:%d
                   (ブラウザで開き、下のデモ利用者でログイン / open it and log in as a demo user below)

                 公表サイト / public site        http://localhost:%d/demo-city/   (ログイン不要 / no login)
                                                 …/demo-gikai/ for デモ市議会
                 インシデントAPI / incident API  http://localhost:%d/api/incidents
                   Swagger UI                   http://localhost:%d/q/swagger-ui
                 escalation-service             http://localhost:%d
                 notification-service           http://localhost:%d
                 メール受信箱 / mail catcher     http://localhost:%d   (SMTP 127.0.0.1:%d, IMAP 127.0.0.1:%d)
                 Keycloak (realm horenso)       http://localhost:%d   admin console: admin / admin
                 PostgreSQL                     127.0.0.1:%d  owner postgres / postgres, services horenso_app
                 Kafka                          127.0.0.1:%d

                 デモ利用者 / demo users (password = user name), two organisations sealed from each other:
                   デモ市 demo-city:       staff1 staff2 chief1 chief2 head1 head2 seclead csirt1 ciso viceciso
                                           committee1 auditor
                   デモ市議会 demo-gikai:  gikai-staff1 gikai-chief1 gikai-chief2 gikai-head gikai-seclead
                                           gikai-csirt1 gikai-chair gikai-auditor
                   インストール管理者 / installation admin (onboards organisations): horenso-admin

                 トークン取得 / get a token:
                   curl -s -d grant_type=password -d client_id=horenso-cli -d username=staff1 \\
                        -d password=staff1 http://localhost:%d/realms/horenso/protocol/openid-connect/token

                 データ / data: %s   (wipe with --reset)
                 Ctrl-C で停止 / Ctrl-C stops everything.
                ============================================================================
                """.formatted(
                        seconds,
                        s.webPort(),
                        s.publicSitePort(),
                        s.incidentPort(),
                        s.incidentPort(),
                        s.escalationPort(),
                        s.notificationPort(),
                        s.mailWebPort(),
                        s.smtpPort(),
                        s.imapPort(),
                        s.keycloakPort(),
                        s.postgresPort(),
                        s.kafkaPort(),
                        s.keycloakPort(),
                        s.dataDir());
    }
}
