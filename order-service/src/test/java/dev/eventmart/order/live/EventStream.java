package dev.eventmart.order.live;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client for tests: reads a stream on a thread of its own and keeps its events and comments as
 * they arrive, and whether the server ended it.
 */
final class EventStream implements AutoCloseable {

    record Event(String name, String id, String data) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final HttpResponse<Stream<String>> response;
    private final CompletableFuture<Void> reading;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reading = CompletableFuture.runAsync(this::read);
    }

    /** Opens {@code GET uri} with these headers and waits for the response's status and headers, not its events. */
    static EventStream open(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        try {
            return new EventStream(HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofLines()));
        }
        catch (java.io.IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse(null);
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    List<String> comments() {
        return List.copyOf(comments);
    }

    boolean ended() {
        return reading.isDone();
    }

    private void read() {
        List<String> lines = new ArrayList<>();
        response.body().forEach(line -> {
            if (!line.isEmpty()) {
                lines.add(line);
                return;
            }
            dispatch(lines);
            lines.clear();
        });
        dispatch(lines);
    }

    private void dispatch(List<String> lines) {
        String name = null;
        String id = null;
        StringBuilder data = null;
        for (String line : lines) {
            if (line.startsWith(":")) {
                comments.add(line.substring(1));
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
            switch (field) {
                case "event" -> name = value;
                case "id" -> id = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                }
            }
        }
        if (data != null) {
            events.add(new Event(name, id, data.toString()));
        }
    }

    @Override
    public void close() {
        reading.cancel(true);
        response.body().close();
    }
}
