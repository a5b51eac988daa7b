package jarvis.devices.printers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.devices.printers.PrinterException.Kind;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The HTTP side of a printer server (OctoPrint, Moonraker): requests with the API key in {@code X-Api-Key} (none when
 * the key is empty), each bounded by the timeout, failures to reach the server said in words, JSON read, and files
 * sent as streamed multipart forms with a known length (the servers want Content-Length).
 */
final class PrinterHttp {

    /** How much longer than a plain request an upload may take. */
    private static final int UPLOAD_TIMEOUTS = 30;
    /** How much longer a command that answers when it has finished may take (Klipper's G28, a PAUSE macro that parks). */
    private static final int SLOW_TIMEOUTS = 12;

    private final String server;
    private final URI base;
    private final String apiKey;
    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    PrinterHttp(String server, URI base, String apiKey, HttpClient http, Duration timeout) {
        this.server = server;
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        this.apiKey = apiKey;
        this.http = http;
        this.timeout = timeout;
    }

    URI base() {
        return base;
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        return apiKey.isEmpty() ? builder : builder.header("X-Api-Key", apiKey);
    }

    /** A request for a command the server answers only once it has finished: its own, longer, timeout. */
    HttpRequest.Builder slowRequest(String path) {
        return request(path).timeout(timeout.multipliedBy(SLOW_TIMEOUTS));
    }

    /**
     * Sends a request and reads the whole answer within the request's timeout: the client's own timeout covers only
     * the wait for the headers, and a server that sends them and then stalls must not hold a caller for ever.
     */
    HttpResponse<String> send(HttpRequest.Builder request) throws PrinterException {
        HttpRequest built = request.build();
        Duration allowed = built.timeout().orElse(timeout);
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return answer.get(allowed.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new PrinterException(Kind.UNREACHABLE, server + " at " + base + " did not answer within " + allowed.toSeconds() + " s.", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new PrinterException(Kind.UNREACHABLE, server + " at " + base + " did not answer within " + allowed.toSeconds() + " s.", cause);
            }
            if (cause instanceof ConnectException) {
                throw new PrinterException(Kind.UNREACHABLE, server + " at " + base + " cannot be reached: is it running, and is the address right?",
                        cause);
            }
            throw new PrinterException(Kind.UNREACHABLE, server + " at " + base + " broke off: " + cause, cause);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new PrinterException(Kind.UNREACHABLE, "Stopped while waiting for " + server + ".", e);
        }
    }

    /** Posts {@code fields} and then {@code file} as a multipart form, the file streamed from disk. */
    HttpResponse<String> upload(String path, Map<String, String> fields, Path file, String printer, LongConsumer sent) throws PrinterException {
        String boundary = "jarvis-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        StringBuilder head = new StringBuilder();
        fields.forEach((field, value) -> head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(field).append("\"\r\n\r\n").append(value).append("\r\n"));
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .append(file.getFileName().toString().replace("\"", "")).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        BodyPublisher body;
        try {
            body = BodyPublishers.concat(BodyPublishers.ofString(head.toString()), new Counted(BodyPublishers.ofFile(file), sent),
                    BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
        } catch (FileNotFoundException e) {
            throw new PrinterException(Kind.REJECTED, "There is no file " + file + " to send to " + printer + ".");
        }
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(timeout.multipliedBy(UPLOAD_TIMEOUTS)).POST(body));
    }

    JsonNode parse(HttpResponse<String> response) throws PrinterException {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new PrinterException(Kind.REJECTED, server + " at " + base + " answered with something that is not JSON.", e);
        }
    }

    /** The JSON body, or a missing node when there is none or it is not JSON (an error page, say). */
    JsonNode parseQuietly(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            return json.missingNode();
        }
    }

    ObjectMapper json() {
        return json;
    }

    /**
     * OctoPrint and Klipper print G-code (a Prusa's binary {@code .bgcode} too, which OctoPrint 1.10 and Klipper with
     * the bgcode plugin take); a 3MF project or a mesh must be sliced first.
     */
    static void requireGcode(String printer, String fileName, String server) throws PrinterException {
        if (!fileName.toLowerCase(Locale.ROOT).matches(".*\\.(gcode|gco|g|bgcode)")) {
            throw new PrinterException(Kind.REJECTED, printer + " (" + server + ") prints G-code (.gcode, .bgcode); " + fileName
                    + " is not G-code: slice it for this printer first.");
        }
    }

    /** A body that tells {@code sent} how many of its bytes have gone, as the client takes them. */
    private record Counted(BodyPublisher body, LongConsumer sent) implements BodyPublisher {

        @Override
        public long contentLength() {
            return body.contentLength();
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            AtomicLong total = new AtomicLong();
            body.subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscriber.onSubscribe(subscription);
                }

                @Override
                public void onNext(ByteBuffer item) {
                    long now = total.addAndGet(item.remaining());
                    subscriber.onNext(item);
                    sent.accept(now);
                }

                @Override
                public void onError(Throwable throwable) {
                    subscriber.onError(throwable);
                }

                @Override
                public void onComplete() {
                    subscriber.onComplete();
                }
            });
        }
    }
}
