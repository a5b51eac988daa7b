package jarvis.orchestrator.routing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command grammar: things Jarvis answers without a model. A command must be the whole message (give or take
 * "please", "jarvis," and punctuation), so a question that merely mentions a command goes to a model.
 */
public final class FastPath {

    /** A recognised command. */
    public sealed interface Command {
        /** The words that matched, for the route record. */
        String matched();
    }

    public record NewConversation(String matched) implements Command {}

    public record SwitchModel(String matched, String model) implements Command {}

    public record SetPrivate(String matched, boolean on) implements Command {}

    public record Help(String matched) implements Command {}

    private static final Pattern NEW = Pattern.compile("(?:start (?:a )?)?new (?:conversation|chat)|clear(?: (?:the )?(?:conversation|chat))?|start over");
    private static final Pattern SWITCH = Pattern.compile("(?:switch|change) (?:the )?model to (\\S+)|use (?:the )?model (\\S+)");
    private static final Pattern PRIVATE_ON = Pattern.compile("(?:private(?: mode)? on|go private|make (?:this|it) private|turn on private(?: mode)?)");
    private static final Pattern PRIVATE_OFF = Pattern.compile("(?:private(?: mode)? off|turn off private(?: mode)?|make (?:this|it) public)");
    private static final Pattern HELP = Pattern.compile("(?:help|what can you do|what do you do|commands)");

    private FastPath() {}

    public static Optional<Command> match(String message) {
        String text = normalise(message);
        Matcher matcher;
        if (NEW.matcher(text).matches()) {
            return Optional.of(new NewConversation(text));
        }
        if ((matcher = SWITCH.matcher(text)).matches()) {
            return Optional.of(new SwitchModel(text, matcher.group(1) != null ? matcher.group(1) : matcher.group(2)));
        }
        if (PRIVATE_ON.matcher(text).matches()) {
            return Optional.of(new SetPrivate(text, true));
        }
        if (PRIVATE_OFF.matcher(text).matches()) {
            return Optional.of(new SetPrivate(text, false));
        }
        if (HELP.matcher(text).matches()) {
            return Optional.of(new Help(text));
        }
        return Optional.empty();
    }

    /** What the grammar understands, for "what can you do" and the help text. */
    public static List<String> examples() {
        return List.of("new conversation (or: clear)", "switch model to qwen3:8b", "private on / private off", "what can you do");
    }

    private static String normalise(String message) {
        String text = message == null ? "" : message.strip().toLowerCase(Locale.ROOT);
        text = text.replaceAll("^(?:hey |ok |okay )?jarvis[,:]?\\s*", "");
        text = text.replaceAll("^please\\s+|\\s+please$", "");
        text = text.replaceAll("[.!?]+$", "").replaceAll("\\s+", " ").strip();
        return text.replaceAll("^please\\s+|\\s+please$", "");
    }
}
