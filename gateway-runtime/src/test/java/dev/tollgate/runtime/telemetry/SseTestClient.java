package dev.tollgate.runtime.telemetry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A server-sent-events client over {@link HttpClient} that parses frames on its own thread and keeps
 * every event and comment it received.
 */
final class SseTestClient implements AutoCloseable {

    /** One dispatched event, whose {@code id} is null when the frame had none. */
    record Event(String id, String event, String data) {

        long idAsLong() {
            return Long.parseLong(id);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final HttpResponse<InputStream> response;
    private final Thread reader;

    SseTestClient(URI uri, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        reader = Thread.ofPlatform().daemon().name("sse-test-client").start(this::readFrames);
    }

    private void readFrames() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, event == null ? "message" : event, data.toString()));
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // The stream was cut, which ended() reports.
        } finally {
            ended.set(true);
        }
    }

    int status() {
        return response.statusCode();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    List<Event> events() {
        return new ArrayList<>(events);
    }

    List<Event> events(String name) {
        return events.stream().filter(e -> e.event().equals(name)).toList();
    }

    List<String> comments() {
        return new ArrayList<>(comments);
    }

    boolean ended() {
        return ended.get();
    }

    String lastEventId() {
        return events.isEmpty() ? null : events.getLast().id();
    }

    @Override
    public void close() throws IOException {
        response.body().close();
        client.shutdownNow();
    }
}
