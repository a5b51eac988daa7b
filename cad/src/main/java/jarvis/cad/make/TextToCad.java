package jarvis.cad.make;

import jarvis.cad.external.OpenScad;
import jarvis.cad.mesh.Mesh;
import jarvis.cad.mesh.MeshAnalysis;
import jarvis.cad.mesh.MeshException;
import jarvis.cad.mesh.StlReader;
import jarvis.cad.parts.Fit;
import jarvis.orchestrator.commands.CommandException;
import jarvis.orchestrator.models.ChatMessage;
import jarvis.orchestrator.models.ChatRequest;
import jarvis.orchestrator.models.ChatStream;
import jarvis.orchestrator.models.ModelProvider;
import jarvis.orchestrator.models.StreamListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A part from words: the local model writes an OpenSCAD program with named parameters and assertions for the sizes
 * the person gave; OpenSCAD renders it; its errors and warnings (with line numbers) go back to the model for up to
 * three repairs; the mesh is then checked (a closed solid, one part, within the printer when there is one) and a
 * failed check goes back the same way. Nothing here needs a network beyond the local model.
 */
public final class TextToCad {

    /** Up to this many programs after the first. */
    public static final int REPAIRS = 3;

    static final String INSTRUCTIONS = """
            You write OpenSCAD programs for parts that will be 3D printed. Answer with one complete program in a ```openscad
            fenced block, and nothing that is not OpenSCAD inside it. Rules:
            - Units are millimetres. The part lies flat on z = 0, in positive z.
            - Every size the person gave is a named parameter at the top, one per line, with a range comment, like
              `length = 40; // [10:200]`. Derived sizes are computed from them.
            - After the parameters, assert each size the person gave, like `assert(length == 40, "length is 40 mm");`.
            - The result is one closed solid: union overlapping shapes; no zero-thickness walls.
            - Use $fn = 64 for round things.
            """;

    /** A part made: its program and parameters, its mesh and analysis, and what it took. */
    public record Made(String prompt, String model, ScadProgram program, Mesh mesh, MeshAnalysis analysis, int repairs, Path stl) {}

    private final ModelProvider models;
    private final String model;
    private final OpenScad openScad;
    private final Duration answerLimit;

    public TextToCad(ModelProvider models, String model, OpenScad openScad, Duration answerLimit) {
        this.models = models;
        this.model = model;
        this.openScad = openScad;
        this.answerLimit = answerLimit;
    }

    /**
     * Makes the part {@code prompt} describes in {@code folder} (the program and STL are written there), checked
     * against {@code printer} when one is given; tells {@code progress} each step.
     */
    public Made make(String prompt, Optional<Fit.Space> printer, Path folder, Consumer<String> progress, BooleanSupplier cancelled)
            throws CadMakeException {
        List<ChatMessage> conversation = new ArrayList<>(List.of(ChatMessage.system(INSTRUCTIONS), ChatMessage.user(prompt)));
        String problems = "";
        for (int attempt = 0; attempt <= REPAIRS; attempt++) {
            if (cancelled.getAsBoolean()) {
                throw new CadMakeException("Making the part was cancelled.", null, CadMakeException.Ending.STOPPED);
            }
            progress.accept(attempt == 0 ? "Asking " + model + " for a program…" : "Asking " + model + " to repair it (" + attempt + " of "
                    + REPAIRS + ")…");
            String answer = ask(conversation, cancelled);
            conversation.add(ChatMessage.assistant(answer));
            Optional<ScadProgram> program = ScadProgram.from(answer);
            if (program.isEmpty()) {
                problems = "The answer had no OpenSCAD program in a ```openscad block.";
            } else {
                progress.accept("Rendering with OpenSCAD…");
                Outcome outcome = render(prompt, program.get(), printer, folder, attempt, true, cancelled);
                if (outcome.made().isPresent()) {
                    return outcome.made().get();
                }
                problems = outcome.problems();
            }
            conversation.add(ChatMessage.user("That program does not work yet:\n" + problems
                    + "\nAnswer with the whole corrected program, in one ```openscad block."));
        }
        throw new CadMakeException("The model could not write a working program in " + (REPAIRS + 1) + " tries. The last problems:\n"
                + problems);
    }

    /**
     * The part made again with some parameters changed by a person, by OpenSCAD alone: no model is asked. Refused,
     * with OpenSCAD's words or the failed check, when those values do not make a sound part.
     */
    public Made remake(String prompt, String model, ScadProgram program, Map<String, Double> values, Path folder, BooleanSupplier cancelled)
            throws CadMakeException {
        ScadProgram changed;
        try {
            changed = program.with(values);
        } catch (IllegalArgumentException e) {
            throw new CadMakeException(e.getMessage(), e);
        }
        Outcome outcome = render(prompt, changed, Optional.empty(), folder, 0, false, cancelled);
        return outcome.made().map(made -> new Made(prompt, model, made.program(), made.mesh(), made.analysis(), 0, made.stl()))
                .orElseThrow(() -> new CadMakeException("Those values do not make a sound part:\n" + outcome.problems()));
    }

    /** A render's outcome: the part, or what is wrong with the program for the model to mend. */
    private record Outcome(Optional<Made> made, String problems) {
        static Outcome wrong(String problems) {
            return new Outcome(Optional.empty(), problems);
        }
    }

    /** Renders and checks a program; {@code byModel} when the model wrote it and mends it, so a slow render is its to mend. */
    private Outcome render(String prompt, ScadProgram program, Optional<Fit.Space> printer, Path folder, int attempt, boolean byModel,
                           BooleanSupplier cancelled) throws CadMakeException {
        try {
            Path source = Files.writeString(folder.resolve("part.scad"), program.source());
            Path stl = folder.resolve("part.stl");
            Files.deleteIfExists(stl);
            OpenScad.Render render = openScad.render(source, stl, Map.of(), cancelled);
            if (!render.rendered()) {
                return Outcome.wrong(render.said());
            }
            Mesh mesh = StlReader.read(stl);
            MeshAnalysis analysis = MeshAnalysis.of(mesh);
            List<String> failed = new ArrayList<>();
            if (!analysis.closed()) {
                failed.add("The part is not a closed solid: " + analysis.openEdges() + " open and " + analysis.nonManifoldEdges()
                        + " non-manifold edges. Union the shapes so they overlap, and give every wall a thickness.");
            }
            if (analysis.parts() != 1) {
                failed.add("The part falls apart into " + analysis.parts() + " separate pieces; it must be one piece.");
            }
            printer.map(space -> Fit.check(analysis, mesh.units(), space)).filter(fit -> !fit.fits())
                    .ifPresent(fit -> failed.add("It does not fit the printer: " + fit.words() + "."));
            if (!failed.isEmpty()) {
                return Outcome.wrong(String.join("\n", failed));
            }
            return new Outcome(Optional.of(new Made(prompt, model, program, mesh, analysis, attempt, stl)), "");
        } catch (CommandException e) {
            return switch (e.kind()) {
                // A program that renders too long is the model's to make simpler, like one that does not render; a person's
                // change is told the time limit.
                case TIMED_OUT -> {
                    if (!byModel) {
                        throw new CadMakeException(e.getMessage(), e);
                    }
                    yield Outcome.wrong("OpenSCAD took too long to render the program: make it simpler (a lower $fn, no minkowski or hull "
                            + "of many shapes).");
                }
                case STOPPED -> throw new CadMakeException(e.getMessage(), e, CadMakeException.Ending.STOPPED);
                case NOT_STARTED -> throw new CadMakeException(e.getMessage(), e, CadMakeException.Ending.SETUP);
                case FAILED -> throw new CadMakeException(e.getMessage(), e);
            };
        } catch (MeshException e) {
            return Outcome.wrong("OpenSCAD's output could not be read: " + e.getMessage());
        } catch (IOException e) {
            throw new CadMakeException("Could not write the program to " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The model's answer; a stop asked for while it writes stops the stream at once. */
    private String ask(List<ChatMessage> conversation, BooleanSupplier cancelled) throws CadMakeException {
        ChatStream stream = models.stream(ChatRequest.of(model, conversation), new StreamListener() { });
        long end = System.nanoTime() + answerLimit.toNanos();
        try {
            while (true) {
                if (cancelled.getAsBoolean()) {
                    stream.cancel();
                    throw new CadMakeException("Making the part was cancelled.", null, CadMakeException.Ending.STOPPED);
                }
                try {
                    return stream.result().get(100, TimeUnit.MILLISECONDS).text();
                } catch (TimeoutException e) {
                    if (System.nanoTime() > end) {
                        stream.cancel();
                        throw new CadMakeException("The local model gave no program within " + answerLimit.toSeconds() + " s.", e);
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new CadMakeException("The local model could not answer: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            stream.cancel();
            Thread.currentThread().interrupt();
            throw new CadMakeException("Making the part was interrupted.", e, CadMakeException.Ending.STOPPED);
        }
    }
}
