package jarvis.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.audio.compose.PartException;
import jarvis.audio.source.AudioFileException;
import jarvis.audio.source.Progress;
import jarvis.orchestrator.tools.CallScope;
import jarvis.orchestrator.tools.Hazard;
import jarvis.orchestrator.tools.Tool;
import jarvis.orchestrator.tools.ToolContributor;
import jarvis.orchestrator.tools.ToolException;
import jarvis.orchestrator.tools.ToolResult;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** The studio's tools for models: {@code studio_compose} writes a part and puts it on a new track. */
public final class StudioTools implements ToolContributor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MUSIC_WORDS = Pattern.compile("\\b(drum|drums|beat|loop|bass ?line|melody|chords?|riff|groove|bpm|bars?|"
            + "song|music|track|studio|compose|piano|guitar|synth|pad|arpeggio|hi-?hats?|snare|kick)\\b");

    private final Supplier<Studio> studio;
    private final Tool compose;

    StudioTools(Supplier<Studio> studio) {
        this.studio = studio;
        this.compose = new Compose();
    }

    @Override
    public List<Tool> tools() {
        return List.of(compose);
    }

    @Override
    public boolean relevantTo(String request) {
        return MUSIC_WORDS.matcher(request.toLowerCase(Locale.ROOT)).find();
    }

    @Override
    public Optional<String> context(String request) {
        return Optional.of("Parts of music (a drum loop, a bass line, a melody) are written with studio_compose, which puts the part on a new "
                + "track of the Studio's open project, played by General MIDI instruments.");
    }

    /** {@code studio_compose}: a part from words, rendered, on a new track. */
    private final class Compose implements Tool {

        private final JsonNode parameters;

        Compose() {
            try {
                parameters = JSON.readTree("""
                        {"type":"object","additionalProperties":false,"required":["request"],
                         "properties":{"request":{"type":"string","minLength":3,
                                                  "description":"The part in words, with its tempo and length, e.g. \\"a four-bar lo-fi drum loop at 85 bpm\\""},
                                       "project":{"type":"string","description":"The project to add it to; leave out for the one open in the Studio"}}}""");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String name() {
            return "studio_compose";
        }

        @Override
        public String description() {
            return "Writes a drum or melodic part from words, plays it with General MIDI instruments, and puts it on a new track of a Studio "
                    + "project (kept as MIDI too).";
        }

        @Override
        public JsonNode parameters() {
            return parameters;
        }

        @Override
        public Hazard hazard() {
            return Hazard.ACT;
        }

        @Override
        public String describe(JsonNode arguments) {
            return "compose " + arguments.path("request").asText();
        }

        @Override
        public ToolResult run(JsonNode arguments) throws ToolException {
            String project = arguments.path("project").asText("");
            Studio.Composed made;
            try {
                made = studio.get().compose(arguments.path("request").asText(), project.isBlank() ? Optional.empty() : Optional.of(project),
                        progressOf(CallScope.progress(), CallScope.stopped()));
            } catch (PartException | AudioFileException e) {
                throw new ToolException(e.getMessage());
            }
            ObjectNode said = JSON.createObjectNode().put("project", made.project()).put("track", made.track()).put("kind", made.part().label())
                    .put("bpm", made.part().bpm()).put("bars", made.part().bars()).put("notes", made.part().notes().size())
                    .put("seconds", Math.round(made.part().seconds() * 10) / 10.0).put("model", made.model());
            return new ToolResult(said, made.summary(), true, Optional.empty());
        }
    }

    /** Progress as steps said in words, for a tool's card; stopped when the turn is (both taken on the call's own thread). */
    private static Progress progressOf(Consumer<String> steps, BooleanSupplier stopped) {
        return new Progress() {
            private String last = "";

            @Override
            public void report(double fraction, String step) {
                if (!step.equals(last)) {
                    last = step;
                    steps.accept(step);
                }
            }

            @Override
            public void checkCancelled() {
                if (stopped.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException("stopped");
                }
            }
        };
    }
}
