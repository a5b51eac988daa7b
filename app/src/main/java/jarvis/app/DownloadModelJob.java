package jarvis.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.audio.voice.WhisperModels;
import jarvis.orchestrator.jobs.JobContext;
import jarvis.orchestrator.jobs.JobHandler;
import jarvis.orchestrator.jobs.PermanentJobFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Downloads a speech model into the models folder as a job: streamed into a {@code .part} file beside it with its
 * progress, checked against the SHA-1 whisper.cpp publishes, and moved into place whole. Its length is the one the
 * server gives (the catalogue's size is for progress when it gives none); a body that ends short of it, or stalls for
 * 30 s, is dropped and tried again (the engine's retries); one whose checksum is wrong is deleted and said.
 */
final class DownloadModelJob implements JobHandler {

    static final String TYPE = "voice.download";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STALL = Duration.ofSeconds(30);

    private HttpClient http;

    static String payload(WhisperModels.Known model, String source, Path file) {
        return JSON.createObjectNode().put("name", model.name()).put("url", model.url(source).toString()).put("bytes", model.bytes())
                .put("sha1", model.sha1()).put("file", file.toAbsolutePath().toString()).toString();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) throws Exception {
        JsonNode asked = JSON.readTree(context.payload());
        String name = asked.path("name").asText();
        long listed = asked.path("bytes").asLong();
        Path file = Path.of(asked.path("file").asText());
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        Files.createDirectories(file.getParent());
        HttpRequest request = HttpRequest.newBuilder(URI.create(asked.path("url").asText())).timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 404) {
            response.body().close();
            throw new PermanentJobFailure("There is no speech model " + name + " at " + request.uri() + ".");
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("The download of " + name + " was answered " + response.statusCode() + "; it is tried again.");
        }
        long expected = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        MessageDigest sha1 = sha1();
        AtomicLong lastRead = new AtomicLong(System.nanoTime());
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("jarvis-download").factory());
        try (InputStream body = new DigestInputStream(response.body(), sha1); OutputStream out = Files.newOutputStream(partial)) {
            // A body that stops coming is closed under the read, which then fails and the job is tried again.
            watch.scheduleAtFixedRate(() -> {
                if (System.nanoTime() - lastRead.get() > STALL.toNanos()) {
                    try {
                        body.close();
                    } catch (IOException ignored) {
                        // Closed either way.
                    }
                }
            }, 1, 1, TimeUnit.SECONDS);
            byte[] buffer = new byte[1 << 16];
            long done = 0;
            long whole = expected > 0 ? expected : listed;
            int shown = -1;
            for (int got = body.read(buffer); got >= 0; got = body.read(buffer)) {
                lastRead.set(System.nanoTime());
                context.checkCancelled();
                out.write(buffer, 0, got);
                done += got;
                // A percent at a time: a 488 MB model would otherwise be thousands of updates.
                int percent = (int) Math.min(100, done * 100 / Math.max(1, whole));
                if (percent != shown) {
                    shown = percent;
                    context.progress(percent / 100.0, String.format(java.util.Locale.ROOT, "%.0f of %.0f MB", done / 1e6, whole / 1e6));
                }
            }
            if (expected > 0 && done != expected) {
                throw new IOException("The download of " + name + " ended at " + done + " of " + expected + " bytes; it is tried again.");
            }
        } catch (Exception e) {
            Files.deleteIfExists(partial);
            throw e;
        } finally {
            watch.shutdownNow();
        }
        String sum = HexFormat.of().formatHex(sha1.digest());
        if (!sum.equalsIgnoreCase(asked.path("sha1").asText())) {
            Files.deleteIfExists(partial);
            throw new PermanentJobFailure("The download of " + name + " does not match its checksum (SHA-1 " + sum + "), so it was not kept: "
                    + "download it again.");
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        context.progress(1, "The speech model " + name + " is ready");
    }

    private synchronized HttpClient client() {
        if (http == null) {
            // Hugging Face answers with a redirect to its file store.
            http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
        }
        return http;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
