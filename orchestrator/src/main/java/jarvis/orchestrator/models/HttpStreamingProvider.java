package jarvis.orchestrator.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The streaming template every HTTP adapter shares: send the request on a background thread, turn an error
 * status into a {@link ProviderException}, read the body as the protocol frames it, and stop cleanly on cancel
 * keeping what arrived. Subclasses say how to write the request, read the stream and read an error.
 */
public abstract class HttpStreamingProvider implements ModelProvider {

    protected final ObjectMapper json = new ObjectMapper();
    private final Supplier<HttpClient> http;
    private final Executor readers;
    private final Supplier<String> baseUrl;

    /** {@code baseUrl} is read at each request, so a changed setting counts at once. */
    protected HttpStreamingProvider(Supplier<HttpClient> http, Executor readers, Supplier<String> baseUrl) {
        this.http = http;
        this.readers = readers;
        this.baseUrl = baseUrl;
    }

    protected final String baseUrl() {
        return baseUrl.get();
    }

    /** The {@code error} member of an error body, or an empty object when the body is not JSON. */
    protected final JsonNode errorMember(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node == null ? json.createObjectNode() : node.path("error");
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    /** The request to send, body included. */
    protected abstract HttpRequest request(ChatRequest request) throws IOException;

    /**
     * Reads the body to its end, feeding {@code answer}; returns the finish reason, or throws a
     * {@link ProviderException} for an error the protocol reports in the stream, or for a stream that ends early.
     */
    protected abstract FinishReason read(BufferedReader body, AnswerBuilder answer) throws IOException;

    /** The failure an error status means, with the body the server sent. */
    protected abstract ProviderException failure(int status, String body, HttpHeaders headers, ChatRequest request);

    /** Where this provider lives, for messages: "Ollama at http://127.0.0.1:11434". */
    protected abstract String describe();

    @Override
    public final ChatStream stream(ChatRequest request, StreamListener listener) {
        Call call = new Call();
        readers.execute(() -> call.run(request, listener));
        return call;
    }

    private final class Call implements ChatStream {
        private final CompletableFuture<ChatResult> result = new CompletableFuture<>();
        private final AtomicReference<InputStream> body = new AtomicReference<>();
        /** The thread reading, while it reads: pool threads move on to other work, which a late interrupt must not reach. */
        private Thread reader;
        private volatile boolean cancelled;
        private volatile AnswerBuilder answer;

        void run(ChatRequest request, StreamListener listener) {
            synchronized (this) {
                reader = Thread.currentThread();
            }
            try {
                receive(request, listener);
            } finally {
                synchronized (this) {
                    reader = null;
                }
            }
        }

        private void receive(ChatRequest request, StreamListener listener) {
            answer = new AnswerBuilder(request.model(), listener);
            try {
                if (cancelled) {
                    result.complete(answer.finish(FinishReason.CANCELLED));
                    return;
                }
                HttpResponse<InputStream> response = http.get().send(request(request), HttpResponse.BodyHandlers.ofInputStream());
                body.set(response.body());
                if (response.statusCode() / 100 != 2) {
                    String text;
                    try (InputStream in = response.body()) {
                        text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                    }
                    throw failure(response.statusCode(), text, response.headers(), request);
                }
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(new ActivityStream(response.body(), listener),
                        StandardCharsets.UTF_8))) {
                    FinishReason reason = read(lines, answer);
                    result.complete(answer.finish(reason));
                }
            } catch (ProviderException e) {
                if (cancelled) {
                    result.complete(answer.finish(FinishReason.CANCELLED));
                } else {
                    result.completeExceptionally(e.withPartial(answer.finish(FinishReason.STOP)));
                }
            } catch (InterruptedException e) {
                result.complete(answer.finish(FinishReason.CANCELLED));
            } catch (IOException e) {
                if (cancelled) {
                    result.complete(answer.finish(FinishReason.CANCELLED));
                } else {
                    result.completeExceptionally(ioFailure(e).withPartial(answer.finish(FinishReason.STOP)));
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(new ProviderException(ProviderException.Kind.SERVER_ERROR,
                        describe() + " sent something Jarvis could not read (" + e.getMessage() + ").", null,
                        answer.finish(FinishReason.STOP), e));
            }
        }

        private ProviderException ioFailure(IOException e) {
            boolean started = answer != null && body.get() != null;
            if (!started && (e instanceof ConnectException || e instanceof HttpConnectTimeoutException
                    || e.getCause() instanceof ConnectException)) {
                return new ProviderException(ProviderException.Kind.UNREACHABLE, capitalised(describe())
                        + " does not answer. Is it running? Check its address in Settings.", null, null, e);
            }
            if (!started) {
                return new ProviderException(ProviderException.Kind.UNREACHABLE, "Cannot reach " + describe() + " ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ").", null, null, e);
            }
            return cutShort(describe(), e);
        }

        @Override
        public CompletableFuture<ChatResult> result() {
            return result;
        }

        @Override
        public void cancel() {
            cancelled = true;
            InputStream open = body.get();
            if (open != null) {
                try {
                    open.close();
                } catch (IOException ignored) {
                    // Closing is how reading stops; a failure to close changes nothing.
                }
            } else {
                synchronized (this) {
                    if (reader != null) {
                        reader.interrupt();
                    }
                }
            }
        }
    }

    /** Tells the listener of every read that brought bytes, before the protocol makes sense of them. */
    private static final class ActivityStream extends java.io.FilterInputStream {
        private final StreamListener listener;

        ActivityStream(InputStream in, StreamListener listener) {
            super(in);
            this.listener = listener;
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            if (value >= 0) {
                listener.onActivity();
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                listener.onActivity();
            }
            return read;
        }
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** The failure for a stream that ended before the protocol's last message. */
    protected static ProviderException cutShort(String where, Throwable cause) {
        return new ProviderException(ProviderException.Kind.STREAM_CUT, "The answer from " + where
                + " stopped half-way (the connection closed before it was complete). What arrived is kept; ask again to get the rest.",
                null, null, cause);
    }

    protected static HttpRequest.Builder post(URI uri, String body) {
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    /** Reads a {@code Retry-After} header: seconds, or an HTTP date. */
    protected static Duration retryAfter(HttpHeaders headers) {
        return headers.firstValue("retry-after").map(value -> {
            try {
                return Duration.ofSeconds(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                try {
                    ZonedDateTime when = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration wait = Duration.between(ZonedDateTime.now(when.getZone()), when);
                    return wait.isNegative() ? Duration.ZERO : wait;
                } catch (RuntimeException unreadable) {
                    return null;
                }
            }
        }).orElse(null);
    }

    /** "try again in 20 s" for a rate-limit message. */
    protected static String whenToRetry(Duration wait) {
        return wait == null ? "Wait a moment and try again." : "Try again in " + Math.max(1, wait.toSeconds()) + " s.";
    }
}
