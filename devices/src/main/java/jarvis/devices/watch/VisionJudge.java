package jarvis.devices.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.orchestrator.models.ollama.OllamaVision;
import java.io.IOException;
import java.util.Locale;

/**
 * The local vision model as the watch's judge: the frame and a JSON schema for the verdict; an answer that still does
 * not fit is a failure to judge, never an "ok".
 */
public final class VisionJudge implements Judge {

    static final String SYSTEM = "You watch a 3D printer through its camera while it prints. Judge only what you can see. "
            + "'failure' means the print is ruined or about to be: spaghetti (loose tangled filament), the part knocked loose or "
            + "dragged, a blob of plastic around the nozzle, printing in mid-air. 'warning' means something a person should look "
            + "at: stringing, warping or lifting corners, layer shifts, under-extrusion. 'ok' means you can see the print and it "
            + "looks normal, or only its first layers are down and they look right. 'unclear' means you cannot judge from this "
            + "picture: too dark, blurred, blocked, or the print not in view. Give your confidence from 0 to 1 and one short "
            + "sentence of reason.";
    static final String PROMPT = "This is the latest frame from the printer's camera. How does the print look?";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SCHEMA = VisionModel.schema("""
            {"type":"object",
             "properties":{
               "verdict":{"type":"string","enum":["ok","warning","failure","unclear"]},
               "confidence":{"type":"number","minimum":0,"maximum":1},
               "reason":{"type":"string"}},
             "required":["verdict","confidence","reason"]}""");

    private final VisionModel model;

    public VisionJudge(VisionModel model) {
        this.model = model;
    }

    @Override
    public Verdict judge(byte[] image) throws CannotJudge {
        return read(model.ask(SYSTEM, PROMPT, image, SCHEMA));
    }

    /** The verdict in the model's answer; tolerant of what real models add (code fences, percent confidences, case). */
    static Verdict read(OllamaVision.Answer answer) throws CannotJudge {
        String text = answer.content().strip();
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        JsonNode verdict;
        try {
            verdict = start < 0 || end < start ? null : JSON.readTree(text.substring(start, end + 1));
        } catch (IOException e) {
            verdict = null;
        }
        if (verdict == null || !verdict.isObject()) {
            throw new CannotJudge("The vision model " + answer.model() + " did not answer in the verdict's shape (" + shorten(text)
                    + "). Choose another model in Settings ▸ Failure watch.");
        }
        Verdict.Call call = switch (verdict.path("verdict").asText("").strip().toLowerCase(Locale.ROOT)) {
            case "ok", "fine", "good", "normal" -> Verdict.Call.OK;
            case "warning", "warn", "concern" -> Verdict.Call.WARNING;
            case "failure", "fail", "failed", "failing" -> Verdict.Call.FAILURE;
            case "unclear", "unknown", "uncertain" -> Verdict.Call.UNCLEAR;
            default -> throw new CannotJudge("The vision model " + answer.model() + " gave no verdict Jarvis knows (" + shorten(text) + ").");
        };
        JsonNode given = verdict.path("confidence");
        double confidence = given.isNumber() ? given.asDouble() : parse(given.asText(""));
        // Some models answer 95 for 95 %: read as a percentage, the way it was meant.
        if (confidence > 1 && confidence <= 100) {
            confidence /= 100;
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new CannotJudge("The vision model " + answer.model() + " gave a confidence that is not between 0 and 1 (" + shorten(text) + ").");
        }
        return new Verdict(call, confidence, verdict.path("reason").asText("").strip(), answer.model(), answer.modelTime());
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text.replace("%", "").strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String shorten(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
