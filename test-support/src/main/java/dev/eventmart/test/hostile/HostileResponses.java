package dev.eventmart.test.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** What every refusal of hostile input must look like. */
public final class HostileResponses {

    /** Words that only a leaked exception or stack trace puts in a body. */
    private static final List<String> LEAKS = List.of("Exception", "exception", "\tat ", "at java.", "at org.",
            "at dev.", "java.lang", "tools.jackson", "org.springframework", "org.apache", "jakarta.", "Caused by",
            "Error:", "stackTrace", "trace");

    private HostileResponses() {
    }

    /**
     * A {@code 4xx} whose body is an {@code application/problem+json} problem detail, with nothing in it of an
     * exception: no class names, no stack frames.
     */
    public static void assertRefused(HostileRequest request, RawResponse response) {
        String described = request.name() + " answered " + response.status() + " " + response.headers() + "\n"
                + abbreviated(response.body());
        assertThat(response.status()).as(described).isBetween(400, 499);
        // Refused for what the request holds, not for lacking a token (RawHttp sends a valid one): a 401 or 403 here
        // would pass without the input ever being looked at.
        assertThat(response.status()).as(described).isNotIn(401, 403);
        assertThat(response.header("Content-Type")).as(described).isNotNull()
                .startsWith("application/problem+json");
        assertThat(response.body()).as(described).contains("\"status\":" + response.status());
        assertThat(LEAKS).as(described).noneMatch(response.body()::contains);
    }

    private static String abbreviated(String body) {
        return body.length() <= 2_000 ? body : body.substring(0, 2_000) + "...";
    }
}
