package dev.eventmart.test.hostile;

import java.util.ArrayList;
import java.util.List;

/**
 * One hostile HTTP/1.1 request, exactly as it goes on the wire: the request target and header lines are sent as
 * ISO-8859-1 bytes, so they may hold raw control characters no well-behaved client would send. Without a
 * {@code Content-Length} header of its own, a request with a body gets the body's length.
 *
 * @param name what is hostile about it, shown as the test case's name
 * @param method the HTTP method
 * @param target the request target (path and query), already percent-encoded where the case wants it encoded
 * @param headers header lines, {@code Name: value}
 * @param body the body, or {@code null} for none
 */
public record HostileRequest(String name, String method, String target, List<String> headers, byte[] body) {

    public HostileRequest {
        headers = List.copyOf(headers);
    }

    /** The same request under another name with one more header line. */
    public HostileRequest withHeader(String name, String headerLine) {
        List<String> more = new ArrayList<>(headers);
        more.add(headerLine);
        return new HostileRequest(name, method, target, more, body);
    }

    @Override
    public String toString() {
        return name;
    }
}
