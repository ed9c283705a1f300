package dev.switchboard.testkit.proxy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Just enough HTTP/1.1 framing to find where one message ends on a keep-alive connection.
 * Messages are kept as the exact bytes received (chunked framing included), so forwarding them
 * can never alter them.
 */
final class HttpWire {

    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private HttpWire() {
    }

    /** One HTTP message: the bytes as received, plus its parsed start line and headers. */
    record Message(byte[] raw, int headLength, String startLine, List<String[]> headers, boolean endsAtClose) {

        Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }

        boolean hasToken(String name, String token) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name))
                    .anyMatch(h -> h[1].toLowerCase(Locale.ROOT).contains(token));
        }

        String method() {
            return startLine.split(" ", 2)[0];
        }

        int status() {
            return Integer.parseInt(startLine.split(" ", 3)[1]);
        }

        /** True when either side asked to close the connection after this message. */
        boolean wantsClose() {
            return endsAtClose || hasToken("Connection", "close");
        }

        /** The same message with the Host header replaced; every other byte unchanged. */
        Message withHost(String host) {
            String head = new String(raw, 0, headLength, StandardCharsets.ISO_8859_1);
            String replaced = head.replaceFirst("(?im)^host:[^\\r\\n]*", "Host: " + host);
            byte[] newHead = replaced.getBytes(StandardCharsets.ISO_8859_1);
            byte[] bytes = new byte[newHead.length + raw.length - headLength];
            System.arraycopy(newHead, 0, bytes, 0, newHead.length);
            System.arraycopy(raw, headLength, bytes, newHead.length, raw.length - headLength);
            return new Message(bytes, newHead.length, startLine, headers, endsAtClose);
        }
    }

    /** Reads a request; empty when the client closed the connection between requests. */
    static Optional<Message> readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        if (!readHead(in, raw)) {
            return Optional.empty();
        }
        int headLength = raw.size();
        List<String> lines = headLines(raw.toByteArray());
        List<String[]> headers = parseHeaders(lines);
        Message head = new Message(raw.toByteArray(), headLength, lines.get(0), headers, false);
        if (head.hasToken("Transfer-Encoding", "chunked")) {
            copyChunked(in, raw);
        } else {
            copyExactly(in, raw, head.header("Content-Length").map(v -> Long.parseLong(v.trim())).orElse(0L));
        }
        return Optional.of(new Message(raw.toByteArray(), headLength, lines.get(0), headers, false));
    }

    /** Reads the response to a request made with {@code requestMethod}, skipping nothing. */
    static Message readResponse(InputStream in, String requestMethod) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        if (!readHead(in, raw)) {
            throw new EOFException("upstream closed the connection before answering");
        }
        int headLength = raw.size();
        List<String> lines = headLines(raw.toByteArray());
        List<String[]> headers = parseHeaders(lines);
        Message head = new Message(raw.toByteArray(), headLength, lines.get(0), headers, false);
        int status = head.status();
        boolean endsAtClose = false;
        if (requestMethod.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304) {
            // no body by definition
        } else if (head.hasToken("Transfer-Encoding", "chunked")) {
            copyChunked(in, raw);
        } else if (head.header("Content-Length").isPresent()) {
            copyExactly(in, raw, Long.parseLong(head.header("Content-Length").orElseThrow().trim()));
        } else {
            in.transferTo(raw);
            endsAtClose = true;
        }
        return new Message(raw.toByteArray(), headLength, lines.get(0), headers, endsAtClose);
    }

    private static boolean readHead(InputStream in, ByteArrayOutputStream raw) throws IOException {
        int lastFour = 0;
        while (lastFour != 0x0D0A0D0A) {
            int b = in.read();
            if (b < 0) {
                if (raw.size() == 0) {
                    return false;
                }
                throw new EOFException("connection closed inside an HTTP head");
            }
            raw.write(b);
            lastFour = (lastFour << 8) | b;
            if (raw.size() > MAX_HEAD_BYTES) {
                throw new IOException("HTTP head longer than " + MAX_HEAD_BYTES + " bytes");
            }
        }
        return true;
    }

    private static List<String> headLines(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n")));
        lines.removeIf(String::isEmpty);
        return lines;
    }

    private static List<String[]> parseHeaders(List<String> lines) {
        List<String[]> headers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
            }
        }
        return headers;
    }

    private static void copyExactly(InputStream in, ByteArrayOutputStream raw, long length) throws IOException {
        byte[] buffer = new byte[8192];
        long remaining = length;
        while (remaining > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                throw new EOFException("connection closed with %d body bytes missing".formatted(remaining));
            }
            raw.write(buffer, 0, read);
            remaining -= read;
        }
    }

    private static void copyChunked(InputStream in, ByteArrayOutputStream raw) throws IOException {
        while (true) {
            String sizeLine = copyLine(in, raw);
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0) {
                while (!copyLine(in, raw).isEmpty()) {
                    // trailer fields, kept as they are
                }
                return;
            }
            copyExactly(in, raw, size + 2);
        }
    }

    /** Copies one CRLF-terminated line and returns it without the CRLF. */
    private static String copyLine(InputStream in, ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside chunked framing");
            }
            raw.write(b);
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
    }
}
