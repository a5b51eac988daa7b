package jarvis.devices.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.devices.cameras.CameraBook;
import jarvis.devices.cameras.CameraException;
import jarvis.devices.cameras.Frame;
import jarvis.devices.watch.Judge;
import jarvis.devices.watch.VisionModel;
import jarvis.orchestrator.artifacts.Artifact;
import jarvis.orchestrator.artifacts.ArtifactStore;
import jarvis.orchestrator.artifacts.ArtifactStoreException;
import jarvis.orchestrator.tools.Hazard;
import jarvis.orchestrator.tools.Tool;
import jarvis.orchestrator.tools.ToolContributor;
import jarvis.orchestrator.tools.ToolException;
import jarvis.orchestrator.tools.ToolResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The cameras' tool for models: {@code camera_snapshot} takes a camera's picture now, keeps it as an artifact, and,
 * asked a question, hands the picture to the local vision model and returns its answer (a model that cannot see
 * pictures learns what is in one that way). Reading a camera changes nothing, so it needs no confirmation.
 */
public final class CameraTools implements ToolContributor {

    private static final Pattern CAMERA_WORDS = Pattern.compile("\\b(?:camera|cameras|cam|webcam|snapshot|picture|photo|see|look|show)\\b");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SAID = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Supplier<CameraBook> book;
    private final Supplier<ArtifactStore> artifacts;
    private final VisionModel vision;
    private final ObjectMapper json = new ObjectMapper();
    private final Tool snapshot = new SnapshotTool();

    public CameraTools(Supplier<CameraBook> book, Supplier<ArtifactStore> artifacts, VisionModel vision) {
        this.book = book;
        this.artifacts = artifacts;
        this.vision = vision;
    }

    @Override
    public List<Tool> tools() {
        return List.of(snapshot);
    }

    public Tool snapshot() {
        return snapshot;
    }

    @Override
    public boolean relevantTo(String request) {
        String text = request.toLowerCase(Locale.ROOT);
        List<CameraBook.Entry> cameras = book.get().entries();
        return !cameras.isEmpty() && (CAMERA_WORDS.matcher(text).find()
                || cameras.stream().anyMatch(entry -> text.contains(entry.name().toLowerCase(Locale.ROOT))));
    }

    @Override
    public Optional<String> context(String request) {
        List<String> names = book.get().entries().stream().map(CameraBook.Entry::name).toList();
        return Optional.of("The workshop's cameras: " + String.join(", ", names) + ". camera_snapshot takes one's picture now; give it a "
                + "question to have a vision model answer it from the picture.");
    }

    /** {@code camera_snapshot}: a camera's picture now, kept, and a question about it answered. */
    private final class SnapshotTool implements Tool {

        private final JsonNode parameters;

        SnapshotTool() {
            try {
                parameters = json.readTree("""
                        {"type":"object","additionalProperties":false,"required":["camera"],
                         "properties":{"camera":{"type":"string","description":"The camera's name"},
                                       "question":{"type":"string","description":"What to find out from the picture, for the vision model"}}}""");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String name() {
            return "camera_snapshot";
        }

        @Override
        public String description() {
            return "Takes a camera's picture now and keeps it; with a question, a vision model answers it from the picture.";
        }

        @Override
        public JsonNode parameters() {
            return parameters;
        }

        @Override
        public Hazard hazard() {
            return Hazard.READ;
        }

        @Override
        public String describe(JsonNode arguments) {
            return "look through " + arguments.path("camera").asText();
        }

        @Override
        public ToolResult run(JsonNode arguments) throws ToolException {
            CameraBook cameras = book.get();
            String name = arguments.path("camera").asText();
            CameraBook.Entry entry = cameras.entry(name).orElseThrow(() -> new ToolException("There is no camera '" + name + "'; the cameras are "
                    + String.join(", ", cameras.entries().stream().map(CameraBook.Entry::name).toList()) + "."));
            Frame frame;
            try {
                frame = cameras.camera(entry).snapshot();
            } catch (CameraException e) {
                throw new ToolException(e.getMessage(), e);
            }
            boolean png = frame.image().length > 1 && (frame.image()[0] & 0xff) == 0x89;
            ObjectNode result = json.createObjectNode().put("camera", entry.name()).put("taken_at", frame.at().toString())
                    .put("size_kb", frame.image().length / 1024);
            String summary = entry.name() + " at " + SAID.format(frame.at());
            try {
                Artifact kept = artifacts.get().put("cameras/" + entry.name() + "/" + STAMP.format(frame.at()) + (png ? ".png" : ".jpg"),
                        png ? "image/png" : "image/jpeg", new ByteArrayInputStream(frame.image()), Map.of("camera", entry.name()));
                result.put("artifact", kept.name()).put("artifact_id", kept.id());
                summary += ", kept as " + kept.name();
            } catch (ArtifactStoreException e) {
                result.put("not_kept", e.getMessage());
            }
            String question = arguments.path("question").asText("").strip();
            if (!question.isEmpty()) {
                try {
                    String answer = vision.describe(frame.image(), question);
                    result.put("answer", answer);
                    summary += ": " + answer;
                } catch (Judge.CannotJudge e) {
                    result.put("no_answer", e.getMessage());
                }
            }
            return ToolResult.read(result, summary);
        }
    }
}
