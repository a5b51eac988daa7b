package jarvis.cad.make;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A part from words by Zoo's text-to-CAD API: the description is posted as a job ({@code POST /ai/text-to-cad/stl}),
 * which is then polled ({@code GET /async/operations/ID}) until it is completed or failed; a completed job carries
 * the part as base64 in {@code outputs} ({@code source.stl}, and {@code source.step} when Zoo sends it). Every
 * refusal Zoo gives (a wrong token, no credit, a description it will not take, its own failure) becomes a message
 * that says what to do.
 */
public final class ZooTextToCad {

    /** The part Zoo made: its STL, its STEP when Zoo sent one, its KCL program when there is one, and Zoo's job id. */
    public record Made(Path stl, Optional<Path> step, Optional<String> code, String id) {}

    private static final Set<String> UNDER_WAY = Set.of("queued", "uploaded", "in_progress");
    private static final Duration REQUEST_LIMIT = Duration.ofSeconds(30);
    private static final Duration FIRST_POLL = Duration.ofMillis(250);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private final URI base;
    private final String token;
    private final Duration pollEvery;
    private final Duration limit;

    public ZooTextToCad(HttpClient http, URI base, String token, Duration pollEvery, Duration limit) {
        this.http = http;
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.token = token;
        this.pollEvery = pollEvery;
        this.limit = limit;
    }

    /** Asks Zoo for the part, waits for it, and writes it into {@code folder}; tells {@code progress} each step. */
    public Made make(String prompt, Path folder, Consumer<String> progress, BooleanSupplier cancelled) throws CadMakeException {
        progress.accept("Asking Zoo's text to CAD…");
        String body = json.createObjectNode().put("prompt", prompt).toString();
        JsonNode job = send(HttpRequest.newBuilder(base.resolve("ai/text-to-cad/stl?kcl=true")).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
        String id = job.path("id").asText("");
        if (id.isBlank()) {
            throw new CadMakeException("Zoo answered without a job id, so there is nothing to wait for: " + abbreviated(job.toString()));
        }
        try {
            return awaited(job, id, folder, progress, cancelled);
        } catch (CadMakeException e) {
            // Zoo took the job: whatever went wrong after, its models may have worked on it.
            throw e.stopped() || e.afterPaidWork() ? e : new CadMakeException(e.getMessage(), e.getCause(), CadMakeException.Ending.FAILED_AFTER_PAID_WORK);
        }
    }

    /** Polls the job, sooner at first and then every {@code pollEvery}, until it is completed or failed. */
    private Made awaited(JsonNode job, String id, Path folder, Consumer<String> progress, BooleanSupplier cancelled) throws CadMakeException {
        long deadline = System.nanoTime() + limit.toNanos();
        Duration wait = FIRST_POLL;
        while (UNDER_WAY.contains(job.path("status").asText())) {
            if (cancelled.getAsBoolean()) {
                throw new CadMakeException("Making the part was cancelled; Zoo's job " + id + " may still finish on zoo.dev.", null,
                        CadMakeException.Ending.STOPPED);
            }
            if (System.nanoTime() > deadline) {
                throw new CadMakeException("Zoo did not finish the part within " + Math.max(1, limit.toSeconds()) + " s (job " + id + ", still "
                        + job.path("status").asText() + "); it may still appear on zoo.dev.");
            }
            progress.accept("Zoo's text to CAD: " + job.path("status").asText().replace('_', ' ') + "…");
            pause(wait);
            wait = wait.multipliedBy(2).compareTo(pollEvery) > 0 ? pollEvery : wait.multipliedBy(2);
            job = send(HttpRequest.newBuilder(base.resolve("async/operations/" + id)).GET());
        }
        return switch (job.path("status").asText()) {
            case "completed" -> written(job, id, folder);
            case "failed" -> throw new CadMakeException("Zoo could not make the part: " + job.path("error").asText("it gave no reason") + ".");
            default -> throw new CadMakeException("Zoo's job " + id + " is in a state Jarvis does not know: '" + job.path("status").asText() + "'.");
        };
    }

    private Made written(JsonNode job, String id, Path folder) throws CadMakeException {
        JsonNode outputs = job.path("outputs");
        byte[] stl = decoded(outputs.path("source.stl").asText(""), "STL");
        if (stl.length == 0) {
            throw new CadMakeException("Zoo finished job " + id + " but sent no STL: it made nothing that can be printed. Describe the part "
                    + "again, with its shapes and sizes.");
        }
        try {
            Path stlFile = Files.write(folder.resolve("zoo.stl"), stl);
            byte[] step = decoded(outputs.path("source.step").asText(""), "STEP");
            Optional<Path> stepFile = step.length == 0 ? Optional.empty() : Optional.of(Files.write(folder.resolve("zoo.step"), step));
            String code = job.path("code").asText("");
            return new Made(stlFile, stepFile, code.isBlank() ? Optional.empty() : Optional.of(code), id);
        } catch (IOException e) {
            throw new CadMakeException("Could not write Zoo's part to " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Zoo's base64, with or without padding, in either alphabet (its own clients accept both). */
    private static byte[] decoded(String text, String what) throws CadMakeException {
        String plain = text.strip().replace('-', '+').replace('_', '/').replace("=", "").replaceAll("\\s+", "");
        try {
            return Base64.getDecoder().decode(plain);
        } catch (IllegalArgumentException e) {
            throw new CadMakeException("Zoo's " + what + " is not valid base64 (" + e.getMessage() + "); the download was damaged.", e);
        }
    }

    private JsonNode send(HttpRequest.Builder request) throws CadMakeException {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(REQUEST_LIMIT).header("Authorization", "Bearer " + token).header("Accept", "application/json")
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CadMakeException("Could not reach Zoo at " + base + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()) + ". Check the network, or turn offline mode on.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CadMakeException("Asking Zoo was interrupted.", e, CadMakeException.Ending.STOPPED);
        }
        JsonNode body = parsed(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new CadMakeException(refusal(response.statusCode(), body));
        }
        if (body == null || !body.isObject()) {
            throw new CadMakeException("Zoo answered with something that is not JSON: " + abbreviated(response.body()));
        }
        return body;
    }

    private JsonNode parsed(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** What a refusal means, in Zoo's words and with what to do. */
    private static String refusal(int status, JsonNode body) {
        String said = body == null ? "" : body.path("message").asText("");
        String request = body == null || body.path("request_id").asText("").isBlank() ? "" : " (request " + body.path("request_id").asText() + ")";
        String zoo = said.isBlank() ? "" : ": " + said;
        return switch (status) {
            case 401, 403 -> "Zoo refused the API token (HTTP " + status + zoo + "). Set a valid one in Settings ▸ Secrets (Zoo API token); "
                    + "tokens are made at zoo.dev/account/api-tokens.";
            case 402 -> "Zoo says payment is required (HTTP 402" + zoo + "): the account has no text-to-CAD credit left.";
            case 400, 422 -> "Zoo would not take the description (HTTP " + status + zoo + ")" + request + ". Describe the part as shapes and sizes.";
            case 429 -> "Zoo says too many requests (HTTP 429" + zoo + "); try again in a minute.";
            default -> status >= 500 ? "Zoo's server failed (HTTP " + status + zoo + ")" + request + "; try again later."
                    : "Zoo answered HTTP " + status + zoo + request + ".";
        };
    }

    private static void pause(Duration wait) throws CadMakeException {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CadMakeException("Waiting for Zoo was interrupted.", e, CadMakeException.Ending.STOPPED);
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
