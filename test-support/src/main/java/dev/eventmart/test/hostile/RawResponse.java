package dev.eventmart.test.hostile;

import java.util.List;
import java.util.Map;

/**
 * A response as read off the socket.
 *
 * @param status the status code
 * @param headers header values by lower-case name
 * @param body the body decoded as UTF-8 (chunked transfer coding removed)
 */
public record RawResponse(int status, Map<String, List<String>> headers, String body) {

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
