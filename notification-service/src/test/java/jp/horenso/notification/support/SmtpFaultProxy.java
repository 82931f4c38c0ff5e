package jp.horenso.notification.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the real test SMTP server (GreenMail) that injects one fault at a chosen SMTP phase into
 * the first {@code faulty} connections, and passes later ones through untouched. It reads the client's side line by
 * line, so it knows the phase as the client goes through it; a stall keeps both sockets open and silent (the client
 * runs into its time-out), a cut closes both. It records the Message-ID header each connection carried.
 */
public final class SmtpFaultProxy implements AutoCloseable {

    /** Where the first connections go wrong. */
    public enum Fault {
        /** The server's greeting never reaches the client. */
        STALL_GREETING,
        /** MAIL FROM is swallowed: neither forwarded nor answered. */
        STALL_MAIL_FROM,
        /** DATA is swallowed: neither forwarded nor answered. */
        STALL_DATA,
        /** The proxy stops reading the client after the DATA command's 354: the client's writes of the content stall. */
        STOP_READING_CONTENT,
        /** The content reaches the server, its final "." does not, and nothing answers. */
        SWALLOW_END_OF_DATA,
        /** The final "." reaches the server (which takes the message), its 250 is dropped, nothing else answers. */
        DROP_END_OF_DATA_ANSWER
    }

    private final ServerSocket listener;
    private final int upstreamPort;
    private final Fault fault;
    private final int faulty;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> messageIds = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private SmtpFaultProxy(int upstreamPort, Fault fault, int faulty) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        this.fault = fault;
        this.faulty = faulty;
        Thread acceptor = new Thread(this::accept, "smtp-fault-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy to the SMTP server on {@code upstreamPort} whose first {@code faulty} connections meet {@code fault}. */
    public static SmtpFaultProxy start(int upstreamPort, Fault fault, int faulty) {
        try {
            return new SmtpFaultProxy(upstreamPort, fault, faulty);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** The Message-ID header of the content each connection carried, in order. */
    public List<String> messageIds() {
        return List.copyOf(messageIds);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                int number = connections.incrementAndGet();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                sockets.add(client);
                sockets.add(server);
                Connection c = new Connection(client, server, number <= faulty ? fault : null);
                start(c::serverToClient);
                start(c::clientToServer);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void start(Runnable pump) {
        Thread thread = new Thread(pump, "smtp-fault-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** One proxied connection. */
    private final class Connection {
        private final Socket client;
        private final Socket server;
        private final Fault fault;
        private volatile boolean dropAnswers;

        Connection(Socket client, Socket server, Fault fault) {
            this.client = client;
            this.server = server;
            this.fault = fault;
            this.dropAnswers = fault == Fault.STALL_GREETING;
        }

        void serverToClient() {
            try (InputStream in = server.getInputStream();
                    OutputStream out = client.getOutputStream()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (!dropAnswers) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        void clientToServer() {
            try (InputStream in = client.getInputStream();
                    OutputStream out = server.getOutputStream()) {
                boolean content = false;
                while (true) {
                    byte[] line = readLine(in);
                    if (line == null) {
                        return;
                    }
                    String text = new String(line, StandardCharsets.UTF_8).strip();
                    String command = text.toUpperCase(Locale.ROOT);
                    if (!content) {
                        if (command.startsWith("MAIL FROM") && fault == Fault.STALL_MAIL_FROM) {
                            stall();
                            return;
                        }
                        if (command.equals("DATA")) {
                            if (fault == Fault.STALL_DATA) {
                                stall();
                                return;
                            }
                            content = true;
                            out.write(line);
                            out.flush();
                            if (fault == Fault.STOP_READING_CONTENT) {
                                stall(); // reads nothing more: the client's writes fill the buffers and block
                                return;
                            }
                            continue;
                        }
                    } else {
                        if (text.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                            messageIds.add(text.substring(11).strip());
                        }
                        if (text.equals(".")) {
                            content = false;
                            if (fault == Fault.SWALLOW_END_OF_DATA) {
                                stall();
                                return;
                            }
                            if (fault == Fault.DROP_END_OF_DATA_ANSWER) {
                                dropAnswers = true;
                            }
                        }
                    }
                    out.write(line);
                    out.flush();
                }
            } catch (IOException e) {
                // closed
            }
        }

        /** Keeps the connection open and forwards nothing more in this direction. */
        private void stall() {
            try {
                while (!client.isClosed() && !listener.isClosed()) {
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private byte[] readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = in.read()) >= 0; ) {
                line.write(b);
                if (b == '\n') {
                    return line.toByteArray();
                }
            }
            return line.size() == 0 ? null : line.toByteArray();
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closed
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closed
            }
        }
    }
}
