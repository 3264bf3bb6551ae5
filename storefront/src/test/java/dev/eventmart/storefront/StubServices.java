package dev.eventmart.storefront;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every service and identity-service's token endpoint in one HTTP server of the test JVM, recording what reaches
 * it: the storefront's backend is tested against real HTTP, not mocked clients.
 */
public final class StubServices {

    /** A request as the service received it. */
    public record Received(String method, String path, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private static final StubServices INSTANCE = new StubServices();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private StubServices() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            String answer;
            int status = 200;
            String contentType = "application/json";
            if (path.endsWith("/events")) {
                // An order's event stream: found for ...0001, not found (someone else's, or none) otherwise.
                if (path.contains("00000000-0000-0000-0000-000000000001")) {
                    contentType = "text/event-stream";
                    answer = "id:1\nevent:status\ndata:{\"status\":\"PENDING\"}\n\n"
                            + "id:2\nevent:status\ndata:{\"status\":\"CONFIRMED\"}\n\n";
                }
                else {
                    status = 404;
                    contentType = "application/problem+json";
                    answer = "{\"status\":404,\"title\":\"Not Found\"}";
                }
            }
            else if (path.equals("/oauth2/token")) {
                answer = """
                        {"access_token":"collector-token","token_type":"Bearer","expires_in":300,"scope":"activity.write"}""";
            }
            else if (path.equals("/api/activity/batch")) {
                status = 202;
                answer = """
                        {"accepted":1,"rejected":0,"results":[]}""";
            }
            else if (exchange.getRequestMethod().equals("POST") && !path.startsWith("/api/orders")) {
                status = 202;
                answer = "{}";
            }
            else if (path.startsWith("/api/orders") && exchange.getRequestMethod().equals("POST")) {
                status = 202;
                answer = """
                        {"orderId":"00000000-0000-0000-0000-000000000001","status":"PENDING"}""";
            }
            else {
                answer = "{\"path\":\"" + path + "\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (exchange) {
                exchange.getResponseBody().write(bytes);
            }
        });
        server.start();
    }

    public static String url() {
        return "http://127.0.0.1:" + INSTANCE.server.getAddress().getPort();
    }

    public static List<Received> received() {
        return INSTANCE.received;
    }

    public static Received last(String pathPrefix) {
        return INSTANCE.received.reversed().stream().filter(request -> request.path().startsWith(pathPrefix))
                .findFirst().orElseThrow(() -> new AssertionError("nothing reached " + pathPrefix));
    }

    /** The settings that point the storefront at this server. */
    public static String[] properties() {
        return new String[] { "AUTH_ISSUER_URI=" + url(), "ORDER_SERVICE_URI=" + url(),
                "INVENTORY_SERVICE_URI=" + url(), "PAYMENT_SERVICE_URI=" + url(),
                "NOTIFICATION_SERVICE_URI=" + url(), "ANALYTICS_SERVICE_URI=" + url() };
    }
}
