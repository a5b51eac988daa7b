package jarvis.tests.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A model server that answers each request with the next {@link Script}, written in its protocol's framing, one
 * flushed piece at a time. It records every request so tests can check what the client sent.
 */
public abstract class ScriptedModelSimulator extends HttpSimulator {

    /** Why a request is turned away before it is read: the status and the protocol's error body. */
    public record Refusal(int status, String body) {}

    /** A request as it arrived. */
    public record Received(String path, Headers headers, JsonNode body) {}

    protected final ObjectMapper json = new ObjectMapper();
    private final CountDownLatch closing = new CountDownLatch(1);

    /**
     * A server that has stopped sending: holds the connection open, silent, for {@code millis} or until the
     * simulator closes, whichever comes first.
     */
    protected final void stayQuiet(long millis) throws InterruptedException {
        closing.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closing.countDown();
        super.close();
    }
    private final BlockingQueue<Script> scripts = new LinkedBlockingQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Long> sentAt = new CopyOnWriteArrayList<>();

    protected ScriptedModelSimulator(String chatPath) throws IOException {
        this(chatPath, 0);
    }

    protected ScriptedModelSimulator(String chatPath, int port) throws IOException {
        super(port);
        server.createContext(chatPath, exchange -> {
            try (exchange) {
                JsonNode body = json.readTree(exchange.getRequestBody());
                received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), body));
                Refusal refusal = checkAuth(exchange.getRequestHeaders());
                if (refusal == null) {
                    refusal = checkRequest(body);
                }
                if (refusal != null) {
                    respond(exchange, refusal.status(), "application/json", refusal.body());
                    return;
                }
                Script script = scripts.poll();
                if (script == null) {
                    respond(exchange, 500, "text/plain", "the simulator has no script for this request");
                } else if (script.status() != null) {
                    Script.Status status = script.status();
                    if (status.retryAfterSeconds() != null) {
                        exchange.getResponseHeaders().set("retry-after", Integer.toString(status.retryAfterSeconds()));
                    }
                    respond(exchange, status.code(), "application/json", errorBody(status));
                } else {
                    exchange.getResponseHeaders().set("Content-Type", contentType());
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        stream(script, body, new Writer(out));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // The client went away (a cancelled stream): nothing more to send.
            }
        });
        start();
    }

    /** Writes and flushes at once, so each piece reaches the client as a separate chunk; notes when each leaves. */
    protected final class Writer {
        private final OutputStream out;

        Writer(OutputStream out) {
            this.out = out;
        }

        public void write(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            // Noted as the bytes leave: a client on loopback may read them before a flush returns.
            sentAt.add(System.nanoTime());
            out.write(bytes);
            out.flush();
        }
    }

    /** When each written piece left ({@link System#nanoTime()} just before its write), across all requests. */
    public List<Long> sentAt() {
        return sentAt;
    }

    /** Serves the protocol's model list at {@code path}, behind the same key check as the chat route. */
    protected final void serveModelList(String path, String body) {
        server.createContext(path, exchange -> {
            Refusal refusal = checkAuth(exchange.getRequestHeaders());
            if (refusal != null) {
                respond(exchange, refusal.status(), "application/json", refusal.body());
            } else {
                respond(exchange, 200, "application/json", body);
            }
        });
    }

    public void enqueue(Script script) {
        scripts.add(script);
    }

    public List<Received> received() {
        return received;
    }

    public Received lastRequest() {
        return received.getLast();
    }

    /** Null when the request may pass. */
    protected abstract Refusal checkAuth(Headers headers);

    /** A request the server refuses for what it says (before any script is used); null when it may pass. */
    protected Refusal checkRequest(JsonNode body) {
        return null;
    }

    protected abstract String contentType();

    protected abstract String errorBody(Script.Status status);

    protected abstract void stream(Script script, JsonNode request, Writer out) throws IOException, InterruptedException;

    protected String quote(String text) {
        try {
            return json.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
