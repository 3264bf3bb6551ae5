package dev.eventmart.test.hostile;

import dev.eventmart.test.security.TestTokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a plain socket, one connection per request ({@code Connection: close}). Unlike
 * {@code HttpClient} or {@code RestTestClient} it sends what it is given: raw control characters in the request
 * line or a header, a {@code Content-Length} that lies, a bogus {@code Content-Type}. The request is written from a
 * second thread so that a server answering before it has read a large body (a {@code 413}) cannot deadlock it.
 */
public final class RawHttp {

    private static final int TIMEOUT_MILLIS = 15_000;

    private RawHttp() {
    }

    /**
     * Sends the request to {@code 127.0.0.1:port} with staff's token ({@link TestTokens#testClient()}) unless it has an
     * {@code Authorization} line of its own, and reads the whole response: a hostile request must get past
     * authentication to show what the API does with it.
     */
    public static RawResponse send(int port, HostileRequest request) {
        boolean ownAuthorization = request.headers().stream()
                .anyMatch(line -> line.regionMatches(true, 0, "Authorization:", 0, 14));
        return sendAsIs(port, ownAuthorization ? request
                : request.withHeader(request.name(), "Authorization: Bearer " + TestTokens.testClient()));
    }

    /** Sends the request exactly as it is, no token added. */
    public static RawResponse sendAsIs(int port, HostileRequest request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            byte[] bytes = encode(request);
            OutputStream out = socket.getOutputStream();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    out.write(bytes);
                    out.flush();
                }
                catch (IOException ex) {
                    // The server may answer and close before it has read everything (a body over its limit).
                }
            });
            RawResponse response = read(socket.getInputStream());
            writer.join(TIMEOUT_MILLIS);
            return response;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("No response to " + request.name(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] encode(HostileRequest request) {
        StringBuilder head = new StringBuilder()
                .append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\nConnection: close\r\n");
        boolean ownLength = request.headers().stream()
                .anyMatch(line -> line.regionMatches(true, 0, "Content-Length:", 0, 15)
                        || line.regionMatches(true, 0, "Transfer-Encoding:", 0, 18));
        for (String line : request.headers()) {
            head.append(line).append("\r\n");
        }
        if (request.body() != null && !ownLength) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (request.body() != null) {
            bytes.writeBytes(request.body());
        }
        return bytes.toByteArray();
    }

    private static RawResponse read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            throw new IOException("Not an HTTP response: " + new String(all, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    name -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            body = dechunk(body);
        }
        return new RawResponse(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int position = 0;
        while (position < chunked.length) {
            int lineEnd = indexOf(chunked, position, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String sizeLine = new String(chunked, position, lineEnd - position, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        return indexOf(bytes, 0, part);
    }

    private static int indexOf(byte[] bytes, int from, byte[] part) {
        outer:
        for (int i = from; i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
