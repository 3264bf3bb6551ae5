package dev.eventmart.test.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tables of hostile requests for an endpoint, built from one valid request: what every service must refuse with a
 * {@code 4xx} problem detail and without storing anything (checked by {@link HostileResponses}). Each generator
 * only produces requests no endpoint here may accept, whatever its fields mean, so a service's test lists its
 * endpoints and fields and the cases follow:
 *
 * <ul>
 * <li>{@link #jsonBody}: the body as a whole (missing, empty, not JSON, another JSON type, trailing data, bytes
 * that are not UTF-8, raw control characters, 10,000 levels of nesting, larger than any limit, chunked, a length
 * that lies, content types that are not JSON) and each field (control characters, escape sequences, unpaired
 * surrogates, a 1 MB string, the wrong type, numbers out of range, {@code NaN}, {@code 1e400}, the key twice);
 * <li>{@link #queryParameter} and {@link #pathSegment}: percent-encoded control characters, over-long values,
 * values that do not convert (bad UUIDs, out-of-range or negative page numbers and sizes, unknown enum names);
 * <li>{@link #requestLine}: what only a raw client sends (control characters in the request target, broken
 * percent-encoding, a target or header beyond the server's limits, header lines that are not headers).
 * </ul>
 */
public final class HostileInput {

    /** How a JSON field is meant to be read; every number in these APIs is non-negative. */
    public enum Field {
        /** An id or a single line of text. */
        TEXT,
        /** A non-negative whole number ({@code Integer}, {@code Long}). */
        WHOLE_NUMBER,
        /** A non-negative decimal amount of at most 12 integer and 4 fraction digits. */
        DECIMAL
    }

    /** How a query parameter or path segment is meant to be read. */
    public enum Parameter {
        /** An id or a short text, at most 100 characters. */
        TEXT,
        /** A UUID. */
        UUID,
        /** A zero-based page number, at most 100,000. */
        PAGE,
        /** A page size of 1 to 100. */
        SIZE,
        /** One of a fixed set of upper-case names. */
        NAME,
        /** An ISO-8601 instant. */
        INSTANT
    }

    /** Ten thousand levels of nesting: far beyond what the JSON parser allows (its limit is 500 or 1,000). */
    public static final int DEEP = 10_000;

    private static final int MEGABYTE = 1024 * 1024;
    private static final String JSON = "Content-Type: application/json";
    private static final String MARK = "@@hostile@@";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private HostileInput() {
    }

    /**
     * The body cases and, for each field (a path such as {@code items[0].productId} or {@code [0].data.userId}),
     * the field cases of a JSON endpoint.
     */
    public static List<HostileRequest> jsonBody(String method, String target, String validJson,
            Map<String, Field> fields) {
        List<HostileRequest> cases = new ArrayList<>(bodyCases(method, target, validJson));
        fields.forEach((path, field) -> cases.addAll(fieldCases(method, target, validJson, path, field)));
        return cases;
    }

    private static List<HostileRequest> bodyCases(String method, String target, String valid) {
        List<HostileRequest> cases = new ArrayList<>();
        cases.add(new HostileRequest("no body, no content type", method, target, List.of(), null));
        cases.add(json(method, target, "empty body", ""));
        cases.add(json(method, target, "blank body", "  \r\n\t "));
        for (String other : List.of("null", "\"text\"", "42", "-1e400", "true", "{}", "[]", "[null]", "[[]]")) {
            if (!other.equals(valid)) {
                cases.add(json(method, target, "body " + other, other));
            }
        }
        cases.add(json(method, target, "body cut in half", valid.substring(0, valid.length() / 2)));
        cases.add(json(method, target, "garbage after the body", valid + " x"));
        cases.add(json(method, target, "two bodies", valid + valid));
        cases.add(json(method, target, "single quotes", valid.replace('"', '\'')));
        cases.add(json(method, target, "a comment", "/* hi */ " + valid));
        cases.add(json(method, target, "a trailing comma",
                valid.substring(0, valid.length() - 1) + "," + valid.substring(valid.length() - 1)));
        cases.add(json(method, target, "not JSON", "quantity=5"));
        cases.add(json(method, target, "XML", "<quantity>5</quantity>"));
        int firstQuote = valid.indexOf('"');
        for (var raw : Map.of("raw NUL byte", new byte[] {0}, "raw ESC byte", new byte[] {0x1b},
                "raw line feed", new byte[] {'\n'}, "byte 0xFF (not UTF-8)", new byte[] {(byte) 0xff},
                "overlong UTF-8 NUL (C0 80)", new byte[] {(byte) 0xc0, (byte) 0x80},
                "UTF-8 of a lone surrogate (ED A0 80)", new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                "truncated UTF-8 sequence", new byte[] {(byte) 0xe2, (byte) 0x82}).entrySet()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(valid.substring(0, firstQuote + 1).getBytes(StandardCharsets.UTF_8));
            body.writeBytes(raw.getValue());
            body.writeBytes(valid.substring(firstQuote + 1).getBytes(StandardCharsets.UTF_8));
            cases.add(new HostileRequest(raw.getKey() + " in a string", method, target, List.of(JSON),
                    body.toByteArray()));
        }
        cases.add(json(method, target, DEEP + " nested arrays", "[".repeat(DEEP) + "]".repeat(DEEP)));
        cases.add(json(method, target, DEEP + " nested objects", "{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP)));
        cases.add(json(method, target, "a 3 MB body", "{\"padding\":\"" + "a".repeat(3 * MEGABYTE) + "\"}"));
        cases.add(new HostileRequest("a chunked body", method, target,
                List.of(JSON, "Transfer-Encoding: chunked"), chunked(valid)));
        cases.add(new HostileRequest("Content-Length shorter than the body", method, target,
                List.of(JSON, "Content-Length: " + valid.length() / 2), utf8(valid)));
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "text/json", "application/octet-stream", "garbage", "application/",
                "*/*", "application/*", "application/*+json", "application/json; charset=x-no-such-charset",
                "application/json; charset=\"utf-8")) {
            cases.add(new HostileRequest("Content-Type " + type, method, target, List.of("Content-Type: " + type),
                    utf8(valid)));
        }
        return cases;
    }

    private static List<HostileRequest> fieldCases(String method, String target, String valid, String path,
            Field field) {
        Map<String, String> values = switch (field) {
            case TEXT -> textValues();
            case WHOLE_NUMBER -> wholeNumberValues();
            case DECIMAL -> decimalValues();
        };
        List<HostileRequest> cases = new ArrayList<>();
        String marked = marked(valid, path);
        values.forEach((what, value) -> cases.add(json(method, target, path + ": " + what,
                marked.replace('"' + MARK + '"', value))));
        cases.add(json(method, target, path + ": " + DEEP + " nested arrays",
                marked.replace('"' + MARK + '"', "[".repeat(DEEP) + "]".repeat(DEEP))));
        cases.add(json(method, target, path + ": the key twice", twice(valid, path)));
        return cases;
    }

    private static Map<String, String> textValues() {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("NUL", "\"\\u0000\"");
        values.put("NUL inside", "\"ada\\u0000lovelace\"");
        values.put("ESC sequence", "\"\\u001b[31mred\\u001b[0m\"");
        values.put("C1 CSI", "\"\\u009b2J\"");
        values.put("BEL", "\"\\u0007\"");
        values.put("DEL", "\"a\\u007f\"");
        values.put("line feed", "\"a\\nb\"");
        values.put("lone high surrogate", "\"\\ud800\"");
        values.put("lone low surrogate", "\"x\\udc00\"");
        values.put("surrogates reversed", "\"\\udc00\\ud800\"");
        values.put("a 1 MB string", "\"" + "a".repeat(MEGABYTE) + "\"");
        values.put("a number", "42");
        values.put("a boolean", "true");
        values.put("an object", "{}");
        values.put("an array", "[\"a\"]");
        return values;
    }

    private static Map<String, String> wholeNumberValues() {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("a fraction", "1.5");
        values.put("a string", "\"1\"");
        values.put("an empty string", "\"\"");
        values.put("1e0", "1e0");
        values.put("1e400", "1e400");
        values.put("-1e400", "-1e400");
        values.put("NaN", "NaN");
        values.put("\"NaN\"", "\"NaN\"");
        values.put("Infinity", "Infinity");
        values.put("negative", "-1");
        values.put("beyond a long", "99999999999999999999");
        values.put("below an int", "-2147483649");
        values.put("10,000 digits", "9".repeat(10_000));
        values.put("hexadecimal", "0x10");
        values.put("a boolean", "true");
        values.put("an object", "{}");
        values.put("an array", "[1]");
        return values;
    }

    private static Map<String, String> decimalValues() {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("1e400", "1e400");
        values.put("\"1e999999999\"", "\"1e999999999\"");
        values.put("1e-400", "1e-400");
        values.put("negative", "-1");
        values.put("NaN", "NaN");
        values.put("\"NaN\"", "\"NaN\"");
        values.put("\"Infinity\"", "\"Infinity\"");
        values.put("not a number", "\"abc\"");
        values.put("10,000 digits", "9".repeat(10_000));
        values.put("a boolean", "true");
        values.put("an object", "{}");
        values.put("an array", "[1]");
        return values;
    }

    /**
     * A query parameter of a {@code GET}: {@code path} with {@code otherQuery} (may be empty) and the parameter set
     * to each hostile value of its kind.
     */
    public static List<HostileRequest> queryParameter(String path, String otherQuery, String name,
            Parameter parameter) {
        String prefix = path + "?" + (otherQuery.isEmpty() ? "" : otherQuery + "&") + name + "=";
        List<HostileRequest> cases = new ArrayList<>();
        parameterValues(parameter).forEach((what, value) -> cases.add(new HostileRequest(name + ": " + what, "GET",
                prefix + value, List.of(), null)));
        return cases;
    }

    /** A path segment: {@code template} with its {@code {}} replaced by each hostile value of the kind. */
    public static List<HostileRequest> pathSegment(String method, String template, Parameter parameter,
            String validJson) {
        List<HostileRequest> cases = new ArrayList<>();
        parameterValues(parameter).forEach((what, value) -> cases.add(new HostileRequest("path: " + what, method,
                template.replace("{}", value), validJson == null ? List.of() : List.of(JSON),
                validJson == null ? null : utf8(validJson))));
        return cases;
    }

    private static Map<String, String> parameterValues(Parameter parameter) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("%00", "%00");
        values.put("NUL inside", "ada%00lovelace");
        values.put("ESC sequence", "%1B%5B31mred%1B%5B0m");
        values.put("C1 CSI", "%C2%9B2J");
        values.put("BEL", "%07");
        values.put("DEL", "%7F");
        values.put("line feed", "a%0Ab");
        values.put("carriage return", "a%0Db");
        values.put("4,000 characters", "a".repeat(4_000));
        switch (parameter) {
            case TEXT -> { }
            case UUID -> {
                values.put("not a UUID", "not-a-uuid");
                values.put("a UUID and more", "123e4567-e89b-12d3-a456-4266141740000");
                values.put("a UUID with a non-hex digit", "123e4567-e89b-12d3-a456-42661417400g");
                values.put("a UUID in braces", "%7B123e4567-e89b-12d3-a456-426614174000%7D");
                values.put("a number", "42");
                values.put("too many groups", "1-2-3-4-5-6");
            }
            case PAGE, SIZE -> {
                values.put("negative", "-1");
                values.put(parameter == Parameter.PAGE ? "30,000,000" : "1,000,000",
                        parameter == Parameter.PAGE ? "30000000" : "1000000");
                values.put("beyond an int", "2147483648");
                values.put("beyond a long", "99999999999999999999");
                values.put("-2147483648", "-2147483648");
                values.put("a fraction", "1.5");
                values.put("1e3", "1e3");
                values.put("hexadecimal", "0x10");
                values.put("a word", "abc");
                if (parameter == Parameter.SIZE) {
                    values.put("zero", "0");
                    values.put("101", "101");
                }
            }
            case NAME -> {
                values.put("unknown", "LOST");
                values.put("lower case", "xyzzy");
                values.put("a number", "1");
            }
            case INSTANT -> {
                values.put("not an instant", "yesterday");
                values.put("month 13", "2026-13-01T00:00:00Z");
                values.put("year +1000000000", "%2B1000000000-12-31T23:59:59Z");
                values.put("year -1000000000", "-1000000000-01-01T00:00:00Z");
                values.put("year -292278994", "-292278994-01-01T00:00:00Z");
                values.put("year +292278994", "%2B292278994-12-31T23:59:59Z");
                values.put("epoch millis", "1700000000000");
            }
        }
        return values;
    }

    /**
     * What only a raw client sends to {@code path} (a {@code GET} or an empty {@code POST}): control characters
     * and spaces in the request target, broken percent-encoding, a target or a header beyond the server's limits,
     * header lines that are not headers, a {@code Content-Length} that is not a length.
     */
    public static List<HostileRequest> requestLine(String method, String path) {
        List<HostileRequest> cases = new ArrayList<>();
        int queryStart = path.indexOf('?');
        String before = queryStart < 0 ? path : path.substring(0, queryStart);
        String after = queryStart < 0 ? "" : path.substring(queryStart);
        String query = queryStart < 0 ? "?" : "&";
        // Every C0 control but tab, CR and LF (they separate or end the request line), DEL, and bytes beyond ASCII.
        for (int c = 0; c <= 0xff; c++) {
            if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f || c == 0x80 || c == 0x9b
                    || c == 0xff) {
                cases.add(new HostileRequest("raw byte 0x%02X in the path".formatted(c), method,
                        before + (char) c + after, List.of(), null));
            }
        }
        cases.add(new HostileRequest("broken percent-encoding in the path", method, before + "%zz" + after,
                List.of(), null));
        cases.add(new HostileRequest("a lone percent sign in the path", method, before + "%" + after, List.of(),
                null));
        cases.add(new HostileRequest("an encoded NUL in the path", method, before + "%00" + after, List.of(), null));
        cases.add(new HostileRequest("a 16 KB target", method, path + query + "q=" + "a".repeat(16 * 1024),
                List.of(), null));
        cases.add(new HostileRequest("a 1 MB query string", method, path + query + "q=" + "a".repeat(MEGABYTE),
                List.of(), null));
        cases.add(new HostileRequest("a 16 KB header", method, path, List.of("X-Padding: " + "a".repeat(16 * 1024)),
                null));
        cases.add(new HostileRequest("a header line without a colon", method, path, List.of("no colon here"), null));
        cases.add(new HostileRequest("a space in a header name", method, path, List.of("Bad Name: x"), null));
        cases.add(new HostileRequest("a NUL in a header value", method, path, List.of("X-Test: a\u0000b"), null));
        cases.add(new HostileRequest("an ESC in a header value", method, path, List.of("X-Test: \u001b[31m"), null));
        cases.add(new HostileRequest("Content-Length not a number", method, path, List.of("Content-Length: abc"),
                null));
        cases.add(new HostileRequest("Content-Length negative", method, path, List.of("Content-Length: -1"), null));
        cases.add(new HostileRequest("two Content-Lengths", method, path,
                List.of("Content-Length: 0", "Content-Length: 5"), null));
        return cases;
    }

    /**
     * A header of an otherwise valid request set to each hostile value: raw control characters (C0, DEL, and C1
     * bytes, which a server reading headers as ISO-8859-1 turns into C1 characters), a value beyond the server's
     * header limit, and, where {@code maxLength} is positive, one character more than it.
     */
    public static List<HostileRequest> header(HostileRequest valid, String name, int maxLength) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("raw NUL", "a\u0000b");
        values.put("raw ESC sequence", "\u001b[31mred\u001b[0m");
        values.put("raw BEL", "a\u0007");
        values.put("raw DEL", "a\u007f");
        values.put("raw vertical tab", "a\u000bb");
        values.put("raw byte 0x9B (C1 CSI)", "\u009b2J");
        values.put("raw byte 0x85 (C1 NEL)", "a\u0085b");
        values.put("raw byte 0x80", "\u0080");
        values.put("a 16 KB value", "a".repeat(16 * 1024));
        if (maxLength > 0) {
            values.put((maxLength + 1) + " characters", "a".repeat(maxLength + 1));
        }
        List<HostileRequest> cases = new ArrayList<>();
        values.forEach((what, value) -> cases.add(valid.withHeader(name + ": " + what, name + ": " + value)));
        return cases;
    }

    /** A well-formed JSON request, to build hostile variants of (such as {@link #header}) on. */
    public static HostileRequest validJson(String method, String target, String body) {
        return json(method, target, "valid", body);
    }

    private static HostileRequest json(String method, String target, String name, String body) {
        return new HostileRequest(name, method, target, List.of(JSON), utf8(body));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] chunked(String body) {
        byte[] bytes = utf8(body);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(bytes);
        out.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** The valid body with the field at {@code path} replaced by the string {@code MARK}. */
    private static String marked(String valid, String path) {
        JsonNode tree = MAPPER.readTree(valid);
        set(tree, tokens(path), MAPPER.getNodeFactory().stringNode(MARK));
        return MAPPER.writeValueAsString(tree);
    }

    /** The valid body with the field at {@code path} given twice, with its own value both times. */
    private static String twice(String valid, String path) {
        List<String> tokens = tokens(path);
        String key = tokens.getLast();
        JsonNode original = get(MAPPER.readTree(valid), tokens);
        String value = MAPPER.writeValueAsString(original);
        String pair = MAPPER.writeValueAsString(key) + ":";
        return marked(valid, path).replace(pair + '"' + MARK + '"', pair + value + "," + pair + value);
    }

    private static List<String> tokens(String path) {
        List<String> tokens = new ArrayList<>();
        for (String part : path.replace("[", ".[").split("\\.")) {
            if (!part.isEmpty()) {
                tokens.add(part);
            }
        }
        return tokens;
    }

    private static JsonNode get(JsonNode node, List<String> tokens) {
        JsonNode current = node;
        for (String token : tokens) {
            current = token.startsWith("[") ? current.get(index(token)) : current.get(token);
        }
        return current;
    }

    private static void set(JsonNode root, List<String> tokens, JsonNode value) {
        JsonNode parent = get(root, tokens.subList(0, tokens.size() - 1));
        String last = tokens.getLast();
        if (last.startsWith("[")) {
            ((ArrayNode) parent).set(index(last), value);
        }
        else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    private static int index(String token) {
        return Integer.parseInt(token.substring(1, token.length() - 1));
    }
}
