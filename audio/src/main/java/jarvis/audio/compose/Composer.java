package jarvis.audio.compose;

import jarvis.orchestrator.models.ProviderException;
import jarvis.orchestrator.models.ollama.OllamaStructured;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Has the local model write a part from words: Ollama's structured output keeps its answer in {@link PartSchema}'s
 * shape; the answer is then checked for sense and quantised, and an answer that fails goes back once with what was
 * wrong. Nothing here needs a network beyond the local model.
 */
public final class Composer {

    static final String INSTRUCTIONS = """
            You write one musical part as JSON for a music timeline. Rules:
            - kind is "drums" for a drum part: each note has "drum" (kick, snare, closed_hat, open_hat, clap, ride, crash, toms...),
              and instrument is ignored. Or "melodic" for one instrument: name it in "instrument", and each note has "pitch",
              a MIDI note number (60 is middle C).
            - start and length are in beats from the part's start (0 is the first beat); a bar has beatsPerBar beats (4 unless asked).
            - Use the tempo (bpm) and number of bars the person asks for; every note starts inside the part.
            - velocity is 1 to 127: accents near 110, ghost notes near 40.
            - Write every note of every bar: repeat a pattern by writing it again, not by saying so.
            """;

    /** Room for the instructions, the schema and a busy part twice (a repair sends the first answer back). */
    static final int CONTEXT_TOKENS = 16_384;

    /** A part written, and what it took. */
    public record Written(Part part, String model, boolean retried) {}

    private final OllamaStructured ollama;
    private final String model;

    public Composer(OllamaStructured ollama, String model) {
        this.ollama = ollama;
        this.model = model;
    }

    /** Writes the part {@code request} describes; tells {@code steps} what it is doing. */
    public Written write(String request, Consumer<String> steps) throws PartException {
        List<OllamaStructured.Message> messages = new ArrayList<>(List.of(OllamaStructured.Message.system(INSTRUCTIONS),
                OllamaStructured.Message.user(request)));
        steps.accept("Asking " + model + " for the part…");
        String answer = ask(messages);
        try {
            return new Written(PartSchema.read(answer), model, false);
        } catch (PartException first) {
            steps.accept("Asking " + model + " to mend the part (" + first.getMessage() + ")…");
            messages.add(OllamaStructured.Message.assistant(answer));
            messages.add(OllamaStructured.Message.user("That part cannot be used. " + first.getMessage() + " Write the whole part again, "
                    + "following the schema."));
            String again = ask(messages);
            try {
                return new Written(PartSchema.read(again), model, true);
            } catch (PartException second) {
                throw new PartException(model + " could not write a part that plays, even after being told what was wrong: " + second.getMessage()
                        + " Try different words, or a larger local model.");
            }
        }
    }

    private String ask(List<OllamaStructured.Message> messages) throws PartException {
        try {
            return ollama.ask(model, messages, PartSchema.schema(), 0.7, CONTEXT_TOKENS, "The local model").content();
        } catch (ProviderException e) {
            throw new PartException(e.getMessage(), e);
        }
    }
}
