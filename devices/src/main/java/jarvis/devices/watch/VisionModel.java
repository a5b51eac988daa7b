package jarvis.devices.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.orchestrator.models.ProviderException;
import jarvis.orchestrator.models.ollama.LocalModel;
import jarvis.orchestrator.models.ollama.OllamaLibrary;
import jarvis.orchestrator.models.ollama.OllamaVision;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * The local model that looks at pictures: the one set in Settings or, when none is, the first Ollama has that can see
 * images (its {@code vision} capability), looked up again every few minutes or after a failure. Used by the failure
 * watch for its verdicts and by the camera tool to answer a question about a picture.
 */
public final class VisionModel {

    private static final Duration LOOK_AGAIN = Duration.ofMinutes(5);
    /** Vision models see a few hundred pixels a side; a wider picture only costs time to send and to encode. */
    static final int WIDEST = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode ANSWER = schema("""
            {"type":"object","properties":{"answer":{"type":"string"}},"required":["answer"]}""");

    private final OllamaVision vision;
    private final OllamaLibrary library;
    private final Supplier<String> chosen;
    private final Clock clock;
    private String found;
    private Instant foundAt = Instant.MIN;
    private final Object oneAtATime = new Object();

    public VisionModel(OllamaVision vision, OllamaLibrary library, Supplier<String> chosen, Clock clock) {
        this.vision = vision;
        this.library = library;
        this.chosen = chosen;
        this.clock = clock;
    }

    /**
     * Shows the model a picture under a schema, one question at a time (ten printers' looks would otherwise queue in
     * Ollama until they time out, and push the chat model out of memory), the picture at most {@value #WIDEST} wide.
     */
    public OllamaVision.Answer ask(String system, String prompt, byte[] image, JsonNode schema) throws Judge.CannotJudge {
        String model = model();
        byte[] fitted = fit(image);
        synchronized (oneAtATime) {
            try {
                return vision.ask(model, system, prompt, fitted, schema);
            } catch (ProviderException e) {
                forget();
                throw new Judge.CannotJudge(e.getMessage());
            }
        }
    }

    /** A picture wider than {@value #WIDEST} pixels made that wide (a JPEG again); any other, or one that will not decode, as it is. */
    public static byte[] fit(byte[] image) {
        try {
            BufferedImage read = ImageIO.read(new ByteArrayInputStream(image));
            if (read == null || read.getWidth() <= WIDEST) {
                return image;
            }
            int height = Math.max(1, read.getHeight() * WIDEST / read.getWidth());
            BufferedImage smaller = new BufferedImage(WIDEST, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D drawing = smaller.createGraphics();
            drawing.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            drawing.drawImage(read, 0, 0, WIDEST, height, null);
            drawing.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(smaller, "jpg", out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            return image;
        }
    }

    /** A question about a picture, answered in a sentence or two. */
    public String describe(byte[] image, String question) throws Judge.CannotJudge {
        OllamaVision.Answer answer = ask("You look at pictures from a workshop's cameras and answer briefly and plainly, saying only what you "
                + "can see.", question, image, ANSWER);
        try {
            return JSON.readTree(answer.content()).path("answer").asText(answer.content()).strip();
        } catch (IOException e) {
            return answer.content().strip();
        }
    }

    private synchronized String model() throws Judge.CannotJudge {
        String set = chosen.get().strip();
        if (!set.isEmpty()) {
            return set;
        }
        if (found != null && foundAt.isAfter(clock.instant().minus(LOOK_AGAIN))) {
            return found;
        }
        try {
            found = library.models().stream().filter(model -> model.capabilities().contains("vision")).map(LocalModel::name)
                    .findFirst().orElseThrow(() -> new Judge.CannotJudge("Ollama has no model that can see images. Pull one (ollama pull "
                            + "qwen2.5vl or llava) or set one in Settings ▸ Failure watch."));
        } catch (ProviderException e) {
            throw new Judge.CannotJudge(e.getMessage());
        }
        foundAt = clock.instant();
        return found;
    }

    private synchronized void forget() {
        found = null;
    }

    static JsonNode schema(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
