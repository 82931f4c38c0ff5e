package jp.horenso.incident.support;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 spoken over a plain socket, for what ordinary clients hide: a request that announces a large body with
 * {@code Expect: 100-continue} and waits for the server's answer, or a body sent in chunks without a length.
 * (The JDK 17 HttpClient hangs when a server refuses an {@code Expect: 100-continue} request, JDK-8286171.)
 */
public final class RawHttp {

    private RawHttp() {}

    /** The status, headers (lower-case names) and body of a reply. */
    public record Reply(int status, Map<String, String> headers, String body) {}

    /** Sends the head only, announcing {@code contentLength} bytes, and reads the server's answer. */
    public static Reply announce(String method, String path, Map<String, String> headers, long contentLength) {
        StringBuilder head = head(method, path, headers)
                .append("Content-Length: ")
                .append(contentLength)
                .append("\r\nExpect: 100-continue\r\n\r\n");
        return exchange(head.toString().getBytes(StandardCharsets.UTF_8), null);
    }

    /** Sends {@code body} in chunks of 8 KiB without announcing its length, and reads the answer. */
    public static Reply chunked(String method, String path, Map<String, String> headers, byte[] body) {
        StringBuilder head = head(method, path, headers).append("Transfer-Encoding: chunked\r\n\r\n");
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += 8192) {
            int n = Math.min(8192, body.length - at);
            chunks.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunks.write(body, at, n);
            chunks.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunks.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return exchange(head.toString().getBytes(StandardCharsets.UTF_8), chunks.toByteArray());
    }

    private static StringBuilder head(String method, String path, Map<String, String> headers) {
        StringBuilder head = new StringBuilder(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\n")
                .append("Host: localhost:")
                .append(RestAssured.port)
                .append("\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head;
    }

    private static Reply exchange(byte[] head, byte[] body) {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reply read(InputStream in) throws IOException {
        int status;
        Map<String, String> headers = new LinkedHashMap<>();
        do {
            status = Integer.parseInt(line(in).split(" ")[1]);
            headers.clear();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
        } while (status == 100);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int n = Integer.parseInt(line(in).strip(), 16); n > 0; n = Integer.parseInt(line(in).strip(), 16)) {
                body.writeBytes(in.readNBytes(n));
                line(in);
            }
        } else {
            body.writeBytes(in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))));
        }
        return new Reply(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of the reply");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
