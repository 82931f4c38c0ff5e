package jp.horenso.incident.evidence.rest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file name in a {@code Content-Disposition} header (RFC 6266): read from an upload, written on a download.
 * Japanese names travel as {@code filename*=UTF-8''<percent-encoded>} (RFC 8187), with a plain {@code filename}
 * for old clients.
 */
public final class ContentDisposition {

    private static final Pattern EXTENDED = Pattern.compile("(?i)(?:^|;)\\s*filename\\*\\s*=\\s*([^;]*)");
    private static final Pattern PLAIN =
            Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^;\\s]*)");
    private static final Pattern EXTENDED_VALUE = Pattern.compile("(?i)UTF-8'[^']*'(.*)");
    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private ContentDisposition() {}

    /** The file name the header gives, the extended form first; null when there is none or it is not readable. */
    public static String filename(String header) {
        if (header == null) {
            return null;
        }
        Matcher extended = EXTENDED.matcher(header);
        if (extended.find()) {
            Matcher value = EXTENDED_VALUE.matcher(extended.group(1).strip());
            return value.matches() ? percentDecode(value.group(1)) : null;
        }
        Matcher plain = PLAIN.matcher(header);
        if (plain.find()) {
            return plain.group(2) != null ? plain.group(2).replaceAll("\\\\(.)", "$1") : plain.group(1);
        }
        return null;
    }

    /** {@code attachment} with the name in both forms; the plain form keeps only what ASCII can say. */
    public static String attachment(String filename) {
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (char ch : filename.toCharArray()) {
            ascii.append(ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\' ? ch : '_');
        }
        for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
            char ch = (char) (b & 0xff);
            if (ch < 0x80 && (Character.isLetterOrDigit(ch) || ATTR_CHARS.indexOf(ch) >= 0)) {
                encoded.append(ch);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    /** RFC 3986 percent-decoding to UTF-8 ('+' stays '+'); null when malformed. */
    private static String percentDecode(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '%') {
                if (i + 2 >= value.length()) {
                    return null;
                }
                int hi = Character.digit(value.charAt(i + 1), 16);
                int lo = Character.digit(value.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (ch < 0x80) {
                bytes.write(ch);
            } else {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
