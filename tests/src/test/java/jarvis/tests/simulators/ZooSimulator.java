package jarvis.tests.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import jarvis.tests.cli.CadCommandTest;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Zoo's text-to-CAD API on loopback, as its API reference and its own clients (kittycad.py, the Blender add-on) show
 * it: {@code POST /ai/text-to-cad/{format}} with a bearer token and {@code {"prompt"}} answers 201 with the job
 * ({@code queued}); {@code GET /async/operations/{id}} moves it on one state a read (queued, in_progress, then
 * completed or failed), the model in {@code outputs} as url-safe base64 without padding, as Zoo's Base64Data writes
 * it. Refusals carry Zoo's error body ({@code error_code}, {@code message}, {@code request_id}): 401 for a wrong
 * token, 402 with no credit, 400 for an empty prompt, 404 for an unknown job.
 */
public final class ZooSimulator implements AutoCloseable {

    /** How the next job ends: made (with its STL and perhaps STEP), failed with Zoo's words, or refused when posted. */
    public sealed interface Ending {
        record Made(byte[] stl, byte[] step) implements Ending {}

        record Failed(String error) implements Ending {}

        record Refused(int status, String errorCode, String message) implements Ending {}

        /** A job that never leaves in_progress. */
        record Stuck() implements Ending {}
    }

    private static final List<String> STATES = List.of("queued", "in_progress");

    private final ObjectMapper json = new ObjectMapper();
    private final String token;
    private final Javalin server;
    private final Queue<Ending> endings = new ConcurrentLinkedQueue<>();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final List<String> prompts = new CopyOnWriteArrayList<>();

    private static final class Job {
        final ObjectNode body;
        final Ending ending;
        int reads;

        Job(ObjectNode body, Ending ending) {
            this.body = body;
            this.ending = ending;
        }
    }

    public ZooSimulator(String token) {
        this.token = token;
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.before(ctx -> {
                if (!("Bearer " + token).equals(ctx.header("Authorization"))) {
                    error(ctx, 401, "unauthorized", "The API token is not valid or has expired.");
                    ctx.skipRemainingHandlers();
                }
            });
            config.routes.post("/ai/text-to-cad/{format}", this::create);
            config.routes.get("/async/operations/{id}", this::operation);
        }).start("127.0.0.1", 0);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** How the next job posted ends; without one, a job makes a 20 mm cube. */
    public ZooSimulator then(Ending ending) {
        endings.add(ending);
        return this;
    }

    /** The prompts posted, in order. */
    public List<String> prompts() {
        return prompts;
    }

    private void create(Context ctx) throws IOException {
        JsonNode asked = json.readTree(ctx.body());
        String prompt = asked.path("prompt").asText("");
        if (prompt.isBlank()) {
            error(ctx, 400, "bad_request", "prompt is required");
            return;
        }
        Ending ending = endings.poll();
        if (ending == null) {
            ending = new Ending.Made(CadCommandTest.box(20, 20, 20, false), null);
        }
        if (ending instanceof Ending.Refused refused) {
            error(ctx, refused.status(), refused.errorCode(), refused.message());
            return;
        }
        prompts.add(prompt);
        String id = UUID.randomUUID().toString();
        ObjectNode job = json.createObjectNode().put("id", id).put("created_at", Instant.now().toString()).putNull("started_at")
                .putNull("completed_at").put("status", "queued").put("output_format", ctx.pathParam("format")).put("prompt", prompt)
                .put("model_version", "2024-11").putNull("error").putNull("feedback").put("user_id", "f3c8a2d0-sim");
        job.putObject("outputs");
        jobs.put(id, new Job(job, ending));
        ctx.status(201).contentType("application/json").result(job.toString());
    }

    private void operation(Context ctx) {
        Job job = jobs.get(ctx.pathParam("id"));
        if (job == null) {
            error(ctx, 404, "not_found", "The async operation was not found.");
            return;
        }
        ObjectNode body;
        synchronized (job) {
            job.reads++;
            body = job.body.deepCopy().put("type", "text_to_cad");
            if (job.reads < STATES.size() || job.ending instanceof Ending.Stuck) {
                body.put("status", STATES.get(Math.min(job.reads, STATES.size() - 1))).put("started_at", Instant.now().toString());
            } else {
                body.put("status", job.ending instanceof Ending.Failed ? "failed" : "completed").put("completed_at", Instant.now().toString());
                switch (job.ending) {
                    case Ending.Failed failed -> body.put("error", failed.error());
                    case Ending.Made made -> {
                        ObjectNode outputs = body.putObject("outputs");
                        outputs.put("source.stl", zooBase64(made.stl()));
                        if (made.step() != null) {
                            outputs.put("source.step", zooBase64(made.step()));
                        }
                        body.put("code", "// made by the simulator\nconst part = startSketchOn(XY)");
                    }
                    default -> { }
                }
            }
        }
        ctx.contentType("application/json").result(body.toString());
    }

    /** Url-safe base64 with its padding left off, as Zoo writes Base64Data. */
    private static String zooBase64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void error(Context ctx, int status, String code, String message) {
        ctx.status(status).contentType("application/json").result(json.createObjectNode().put("error_code", code).put("message", message)
                .put("request_id", UUID.randomUUID().toString()).toString());
    }

    @Override
    public void close() {
        server.stop();
    }
}
