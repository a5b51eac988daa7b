package jarvis.tests.simulators;

import java.util.ArrayList;
import java.util.List;

/**
 * What a simulated model does for one request, said once for every protocol: the pieces of its answer, then how
 * it ends. Each simulator writes it in its own wire format.
 */
public final class Script {

    /** One piece of the answer. */
    public sealed interface Step {}

    public record Text(String text, double logprob) implements Step {}

    public record Thinking(String text) implements Step {}

    /** A tool call; {@code argumentsJson} is sent as the protocol sends arguments (object or string fragments). */
    public record Call(String id, String name, String argumentsJson) implements Step {}

    public record Pause(long millis) implements Step {}

    /** How the answer ends. */
    public sealed interface Ending {}

    /** Normally: {@code reason} is "stop", "length" or "tool_calls". */
    public record Complete(String reason, int inputTokens, int outputTokens) implements Ending {}

    /** The connection closes before the protocol's last message. */
    public record Cut() implements Ending {}

    /** The server stops sending but keeps the connection open for {@code millis}, then closes it. */
    public record Stall(long millis) implements Ending {}

    /**
     * The answer ends with its finish reason but without token counts and without the protocol's closing marker
     * (OpenAI's {@code [DONE]}): what some OpenAI-compatible servers send.
     */
    public record FinishQuietly(String reason) implements Ending {}

    /** The server reports an error after the answer began (status stays 200). {@code type} is the protocol's error type. */
    public record ErrorInStream(String type, String message) implements Ending {}

    /** No answer at all: an error status with the protocol's error body. */
    public record Status(int code, String type, String message, Integer retryAfterSeconds) {}

    final List<Step> steps = new ArrayList<>();
    Ending ending = new Complete("stop", 12, 0);
    Status status;

    public static Script answer() {
        return new Script();
    }

    public static Script failing(int code, String type, String message) {
        Script script = new Script();
        script.status = new Status(code, type, message, null);
        return script;
    }

    public static Script failing(int code, String type, String message, int retryAfterSeconds) {
        Script script = new Script();
        script.status = new Status(code, type, message, retryAfterSeconds);
        return script;
    }

    public Script text(String... pieces) {
        for (String piece : pieces) {
            steps.add(new Text(piece, -0.05));
        }
        return this;
    }

    public Script textWithLogprob(String piece, double logprob) {
        steps.add(new Text(piece, logprob));
        return this;
    }

    public Script thinking(String text) {
        steps.add(new Thinking(text));
        return this;
    }

    public Script call(String id, String name, String argumentsJson) {
        steps.add(new Call(id, name, argumentsJson));
        return this;
    }

    public Script pause(long millis) {
        steps.add(new Pause(millis));
        return this;
    }

    public Script complete(String reason, int inputTokens, int outputTokens) {
        ending = new Complete(reason, inputTokens, outputTokens);
        return this;
    }

    public Script cut() {
        ending = new Cut();
        return this;
    }

    public Script stall(long millis) {
        ending = new Stall(millis);
        return this;
    }

    public Script finishQuietly(String reason) {
        ending = new FinishQuietly(reason);
        return this;
    }

    public Script errorInStream(String type, String message) {
        ending = new ErrorInStream(type, message);
        return this;
    }

    public List<Step> steps() {
        return steps;
    }

    public Ending ending() {
        return ending;
    }

    public Status status() {
        return status;
    }
}
