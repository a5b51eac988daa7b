package jarvis.devices.commands;

import jarvis.resources.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The device commands understood without a model, read from {@code grammar/devices.txt} in the resources: "turn off
 * the shop lights", "set the bench light to 40 %", "is the garage door open". A command is the whole sentence, so a
 * question that merely mentions a device goes to a model.
 */
public final class DeviceGrammar {

    /** What a command asks for. */
    public enum Action { SET_LEVEL, SET_TEMPERATURE, TURN_ON, TURN_OFF, TOGGLE, OPEN, CLOSE, LOCK, UNLOCK, RUN_SCENE, IS_ON, TEMPERATURE_IN }

    /** A sentence understood: the action, the words naming what it acts on, and the number it carries, if any. */
    public record Command(Action action, String target, Double number, String sentence) {}

    private record Rule(Action action, Pattern pattern) {}

    private final List<Rule> rules;

    private DeviceGrammar(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The grammar kept in the resources. */
    public static DeviceGrammar standard() {
        return parse(Resources.text("grammar/devices.txt"));
    }

    /** A grammar from its text, one {@code action | pattern} a line; {@code #} starts a comment. */
    public static DeviceGrammar parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String rule = line.strip();
            if (rule.isEmpty() || rule.startsWith("#")) {
                continue;
            }
            int bar = rule.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("A grammar line needs 'action | pattern': " + rule);
            }
            Action action = Action.valueOf(rule.substring(0, bar).strip().toUpperCase(Locale.ROOT));
            String pattern = rule.substring(bar + 1).strip()
                    .replace("{target}", "(?<target>.+?)")
                    .replace("{number}", "(?<number>-?\\d+(?:[.,]\\d+)?)");
            rules.add(new Rule(action, Pattern.compile(pattern)));
        }
        return new DeviceGrammar(rules);
    }

    /** The command a whole sentence gives, if it is one. */
    public Optional<Command> match(String sentence) {
        String text = normalise(sentence);
        for (Rule rule : rules) {
            Matcher matcher = rule.pattern().matcher(text);
            if (matcher.matches()) {
                String number = rule.pattern().pattern().contains("(?<number>") ? matcher.group("number") : null;
                return Optional.of(new Command(rule.action(), matcher.group("target").strip(),
                        number == null ? null : Double.parseDouble(number.replace(',', '.')), text));
            }
        }
        return Optional.empty();
    }

    static String normalise(String sentence) {
        String text = sentence == null ? "" : sentence.strip().toLowerCase(Locale.ROOT);
        text = text.replaceAll("^(?:hey |ok |okay )?jarvis[,:]?\\s*", "");
        text = text.replaceAll("^please\\s+|[,\\s]+please$", "");
        text = text.replaceAll("[.!?]+$", "").replaceAll("\\s+", " ").strip();
        return text.replaceAll("^please\\s+|[,\\s]+please$", "");
    }
}
