package jarvis.orchestrator.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jarvis.orchestrator.models.ChatResult;
import jarvis.orchestrator.models.FinishReason;
import jarvis.orchestrator.models.TokenLogprob;
import jarvis.orchestrator.models.ToolCall;
import jarvis.orchestrator.models.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores a local answer. It starts from the token probabilities when the server sent them (a weighted mix of the
 * mean and the lowest), else from a stated prior, and multiplies in a factor for each warning sign: an empty
 * answer, one cut by the length limit, hedging, refusal, a tool call that does not validate against its schema,
 * and a question that needs fresh information a local model cannot have.
 */
public final class ConfidenceScorer {

    private static final Pattern HEDGING = Pattern.compile("\\b(i'?m not sure|i am not sure|i don'?t know|i do not know|"
            + "not certain|i can(?:no|')t be (?:sure|certain)|i(?:'m| am) unable to verify|as of my (?:knowledge cutoff|last update)|"
            + "i (?:don'?t|do not) have access to (?:real-time|current|live)|i can(?:no|')t browse|might be|possibly|i believe|i think)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern REFUSAL = Pattern.compile("\\b(i can(?:no|')t (?:help|assist) with|i(?:'m| am) sorry,? but i can(?:no|')t|"
            + "i (?:won'?t|will not) (?:help|do that)|i(?:'m| am) (?:not able|unable) to (?:help|assist|do that))\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern FRESH = Pattern.compile("\\b(news|latest|today|tonight|yesterday|tomorrow|this (?:week|month|year)|"
            + "right now|currently|current|prices?|stock|exchange rate|weather|forecast|score|election|released?)\\b",
            Pattern.CASE_INSENSITIVE);

    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    public Confidence score(String question, ChatResult answer, List<ToolSpec> tools, ScoringWeights weights) {
        List<String> signals = new ArrayList<>();
        double score;
        boolean usedLogprobs = answer.hasLogprobs();
        if (usedLogprobs) {
            double sum = 0;
            double lowest = 0;
            for (TokenLogprob token : answer.logprobs()) {
                sum += token.logprob();
                lowest = Math.min(lowest, token.logprob());
            }
            double mean = Math.exp(sum / answer.logprobs().size());
            double min = Math.exp(lowest);
            score = weights.meanWeight() * mean + (1 - weights.meanWeight()) * min;
            signals.add(String.format(Locale.ROOT, "token probabilities: mean %.2f, lowest %.2f over %d tokens → %.2f",
                    mean, min, answer.logprobs().size(), score));
        } else {
            score = weights.priorWithoutLogprobs();
            signals.add(String.format(Locale.ROOT, "the server sent no token probabilities; starting at %.2f", score));
        }
        if (answer.text().isBlank() && answer.toolCalls().isEmpty()) {
            signals.add("the answer is empty → 0");
            return new Confidence(0, usedLogprobs, signals);
        }
        if (answer.finishReason() == FinishReason.LENGTH) {
            score *= weights.truncated();
            signals.add(factor("the length limit cut the answer", weights.truncated()));
        }
        Optional<String> refusal = find(REFUSAL, answer.text());
        if (answer.finishReason() == FinishReason.REFUSAL || refusal.isPresent()) {
            score *= weights.refusal();
            signals.add(factor("the answer refuses" + refusal.map(r -> " (\"" + r + "\")").orElse(""), weights.refusal()));
        } else {
            Optional<String> hedge = find(HEDGING, answer.text());
            if (hedge.isPresent()) {
                score *= weights.hedging();
                signals.add(factor("the answer hedges (\"" + hedge.get() + "\")", weights.hedging()));
            }
        }
        for (ToolCall call : answer.toolCalls()) {
            Optional<String> problem = invalid(call, tools);
            if (problem.isPresent()) {
                score *= weights.invalidToolCall();
                signals.add(factor("tool call " + call.name() + " is not valid: " + problem.get(), weights.invalidToolCall()));
            }
        }
        Optional<String> fresh = find(FRESH, question);
        if (fresh.isPresent()) {
            score *= weights.freshInformation();
            signals.add(factor("the question needs fresh information (\"" + fresh.get() + "\")", weights.freshInformation()));
        }
        return new Confidence(Math.max(0, Math.min(1, score)), usedLogprobs, signals);
    }

    private Optional<String> invalid(ToolCall call, List<ToolSpec> tools) {
        Optional<ToolSpec> spec = tools.stream().filter(tool -> tool.name().equals(call.name())).findFirst();
        if (spec.isEmpty()) {
            return Optional.of("there is no tool of that name");
        }
        if (!call.argumentsAreJson()) {
            return Optional.of("its arguments are not a JSON object (" + abbreviate(call.rawArguments()) + ")");
        }
        JsonNode parameters = spec.get().parameters();
        if (parameters == null || parameters.isNull()) {
            return Optional.empty();
        }
        JsonSchema schema = schemas.getSchema(parameters);
        Set<ValidationMessage> errors = schema.validate(call.arguments());
        return errors.isEmpty() ? Optional.empty() : Optional.of(errors.iterator().next().getMessage());
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text == null ? "" : text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String factor(String why, double factor) {
        return String.format(Locale.ROOT, "%s ×%.2f", why, factor);
    }

    private static String abbreviate(String text) {
        String shown = text == null ? "" : text;
        return shown.length() <= 60 ? shown : shown.substring(0, 57) + "...";
    }
}
