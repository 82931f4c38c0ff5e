package jp.horenso.notification.delivery.channel.smtp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Submits one message per connection over SMTP (RFC 5321), knowing at every moment which phase it is in, so that a
 * failure tells whether the server can have accepted the message ({@link SmtpException#outcomeUnknown()}): only
 * when the final "." went out and no answer came back. Every wait for an answer has a time-out (the socket's read
 * time-out); writing the content has one too (the socket is closed when a write stalls), and the wait for the
 * answer to the final "." has its own, longer one (RFC 5321 §4.5.3.2.6 suggests 10 minutes; a server that stores
 * the message before answering needs longer than for a command). SMTPS ({@code tls}), STARTTLS
 * (DISABLED/OPTIONAL/REQUIRED) and AUTH PLAIN/LOGIN as the Quarkus mailer offers them. Nothing is left running after
 * {@link #send} returns or throws: the connection is closed either way.
 */
public final class SmtpClient {

    /** Whether to upgrade a plain connection with STARTTLS. */
    public enum StartTls {
        DISABLED,
        OPTIONAL,
        REQUIRED
    }

    /**
     * Where and how to submit.
     *
     * @param commandTimeout the longest wait for the greeting, any command's answer, or a write of the content
     * @param endOfDataTimeout the longest wait for the answer to the final "."
     */
    public record Server(
            String host,
            int port,
            boolean tls,
            StartTls startTls,
            Optional<String> username,
            Optional<String> password,
            Duration commandTimeout,
            Duration endOfDataTimeout,
            String heloName) {}

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "horenso-smtp-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    /** Linux's TCP_QUICKACK ({@code jdk.net}), or null where the JDK does not offer it. */
    private static final SocketOption<Boolean> QUICK_ACK = quickAck();

    private final Server server;

    public SmtpClient(Server server) {
        this.server = server;
    }

    public Server server() {
        return server;
    }

    private static SocketOption<Boolean> quickAck() {
        try {
            return jdk.net.ExtendedSocketOptions.TCP_QUICKACK;
        } catch (LinkageError e) {
            return null;
        }
    }

    /**
     * Submits {@code content} (the whole message, headers and body, lines ending in CRLF or LF) from {@code from} to
     * {@code to}; returns when the server answered 250 to the final ".". Throws {@link SmtpException} otherwise.
     */
    public void send(String from, String to, String content) {
        Session session = new Session();
        try {
            session.submit(from, to, content);
        } finally {
            session.close();
        }
    }

    /** One connection, and the phase it is in. */
    private final class Session {
        private SmtpPhase phase = SmtpPhase.CONNECT;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        void submit(String from, String to, String content) {
            try {
                socket = server.tls() ? SSLSocketFactory.getDefault().createSocket() : new Socket();
                // Each command and the content's end go out as soon as they are flushed: with Nagle's algorithm the
                // small ".\r\n" after the content waited for the server's delayed ACK (~40 ms a mail, measured).
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(server.host(), server.port()), millis(server.commandTimeout()));
                socket.setSoTimeout(millis(server.commandTimeout()));
                if (server.tls()) {
                    handshake((SSLSocket) socket);
                }
                streams();
                phase = SmtpPhase.GREETING;
                expect(read(), 220, "no greeting");
                phase = SmtpPhase.EHLO;
                Reply ehlo = command("EHLO " + server.heloName());
                if (ehlo.code() != 250) {
                    ehlo = expect(command("HELO " + server.heloName()), 250, "HELO refused");
                }
                if (!server.tls() && server.startTls() != StartTls.DISABLED) {
                    if (ehlo.offers("STARTTLS")) {
                        phase = SmtpPhase.STARTTLS;
                        expect(command("STARTTLS"), 220, "STARTTLS refused");
                        SSLSocket secure = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                                .createSocket(socket, server.host(), server.port(), true);
                        handshake(secure);
                        socket = secure;
                        streams();
                        phase = SmtpPhase.EHLO;
                        ehlo = expect(command("EHLO " + server.heloName()), 250, "EHLO refused after STARTTLS");
                    } else if (server.startTls() == StartTls.REQUIRED) {
                        throw new SmtpException(SmtpPhase.STARTTLS, 0, "the server does not offer STARTTLS", null);
                    }
                }
                if (server.username().isPresent()) {
                    phase = SmtpPhase.AUTH;
                    authenticate(ehlo);
                }
                phase = SmtpPhase.MAIL_FROM;
                expect(command("MAIL FROM:<" + from + ">"), 250, "sender refused");
                phase = SmtpPhase.RCPT_TO;
                Reply rcpt = command("RCPT TO:<" + to + ">");
                if (rcpt.code() != 250 && rcpt.code() != 251) {
                    throw new SmtpException(phase, rcpt.code(), "recipient refused: " + rcpt.text(), null);
                }
                phase = SmtpPhase.DATA;
                expect(command("DATA"), 354, "DATA refused");
                phase = SmtpPhase.CONTENT;
                writeContent(content);
                phase = SmtpPhase.END_OF_DATA;
                socket.setSoTimeout(millis(server.endOfDataTimeout()));
                out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                expect(read(), 250, "message refused");
            } catch (SmtpException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new SmtpException(phase, 0, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
            try { // accepted; a failing QUIT changes nothing
                socket.setSoTimeout(millis(server.commandTimeout()));
                command("QUIT");
            } catch (IOException | RuntimeException e) {
                // the message is the server's already
            }
        }

        /** Writes the content, lines dot-stuffed and ended with CRLF; a stalled write closes the socket. */
        private void writeContent(String content) throws IOException {
            ScheduledFuture<?> stall =
                    WATCHDOG.schedule(this::close, millis(server.commandTimeout()), TimeUnit.MILLISECONDS);
            try {
                String[] lines = content.split("\r?\n", -1);
                int n = lines.length;
                if (n > 0 && lines[n - 1].isEmpty()) {
                    n--; // the content's own last line break
                }
                for (int i = 0; i < n; i++) {
                    if (lines[i].startsWith(".")) {
                        out.write('.');
                    }
                    out.write(lines[i].getBytes(StandardCharsets.UTF_8));
                    out.write('\r');
                    out.write('\n');
                }
                out.flush();
            } finally {
                stall.cancel(false);
            }
            if (socket.isClosed()) {
                throw new IOException("writing the content stalled for " + server.commandTimeout());
            }
        }

        private void authenticate(Reply ehlo) throws IOException {
            String user = server.username().orElseThrow();
            String password = server.password().orElse("");
            Base64.Encoder b64 = Base64.getEncoder();
            if (ehlo.offersAuth("PLAIN") || !ehlo.offersAuth("LOGIN")) {
                String token = b64.encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
                expect(command("AUTH PLAIN " + token), 235, "login refused");
            } else {
                expect(command("AUTH LOGIN"), 334, "AUTH LOGIN refused");
                expect(command(b64.encodeToString(user.getBytes(StandardCharsets.UTF_8))), 334, "user refused");
                expect(command(b64.encodeToString(password.getBytes(StandardCharsets.UTF_8))), 235, "login refused");
            }
        }

        private void handshake(SSLSocket secure) throws IOException {
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            secure.setSSLParameters(parameters);
            secure.startHandshake();
        }

        private void streams() throws IOException {
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream());
        }

        private Reply command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read();
        }

        private Reply expect(Reply reply, int code, String what) {
            if (reply.code() != code) {
                throw new SmtpException(phase, reply.code(), what + ": " + reply.text(), null);
            }
            return reply;
        }

        /** One reply, multi-line ("250-…" … "250 …") included. */
        private Reply read() throws IOException {
            List<String> lines = new ArrayList<>();
            while (true) {
                acknowledgeAtOnce();
                String line = readLine();
                if (line.length() < 3) {
                    throw new IOException("not an SMTP reply: " + line);
                }
                lines.add(line);
                if (line.length() == 3 || line.charAt(3) != '-') {
                    try {
                        return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
                    } catch (NumberFormatException e) {
                        throw new IOException("not an SMTP reply: " + line, e);
                    }
                }
            }
        }

        /**
         * Asks the kernel to acknowledge what arrives at once. A server that writes a multi-line reply line by line
         * (GreenMail's EHLO answer, 44 ms of every mail in the local stack, measured) holds its later lines until its
         * first is acknowledged (Nagle's algorithm), and a delayed ACK takes 40 ms on Linux. Linux re-arms delayed
         * ACKs on its own, so this is asked before each read; where the option is missing it does nothing.
         */
        private void acknowledgeAtOnce() {
            if (QUICK_ACK != null && socket.supportedOptions().contains(QUICK_ACK)) {
                try {
                    socket.setOption(QUICK_ACK, true);
                } catch (IOException | UnsupportedOperationException e) {
                    // an optimisation only
                }
            }
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the server closed the connection");
                }
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.UTF_8);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                if (line.size() > 4096) {
                    throw new IOException("reply line too long");
                }
                line.write(b);
            }
        }

        void close() {
            Socket s = socket;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closed already
                }
            }
        }
    }

    private record Reply(int code, List<String> lines) {
        String text() {
            return String.join(" / ", lines);
        }

        boolean offers(String keyword) {
            return lines.stream()
                    .skip(1)
                    .filter(l -> l.length() > 4)
                    .map(l -> l.substring(4).toUpperCase(Locale.ROOT))
                    .anyMatch(l -> l.equals(keyword) || l.startsWith(keyword + " "));
        }

        boolean offersAuth(String mechanism) {
            return lines.stream()
                    .skip(1)
                    .filter(l -> l.length() > 4)
                    .map(l -> l.substring(4).toUpperCase(Locale.ROOT))
                    .filter(l -> l.startsWith("AUTH ") || l.startsWith("AUTH="))
                    .anyMatch(l -> List.of(l.substring(5).split(" ")).contains(mechanism));
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }
}
