package jarvis.devices.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Home Assistant's Jinja templates that device makers put in discovery payloads: {@code value},
 * {@code value_json} with dotted or bracketed keys and list indexes, the variables a command template is given
 * ({@code position} for a cover, say), quoted text, and the filters {@code int},
 * {@code float}, {@code round(n)}, {@code lower}, {@code upper}, {@code trim}, {@code string} and
 * {@code default(x)}. A template needing more ({@code {% if %}}, arithmetic, comparisons) is refused when the
 * payload is read, with the reason, so the entity is skipped and said to be, never shown with a made-up value.
 */
public final class Template {

    private static final Pattern BLOCK = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern PATH = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*(?:'([^']*)'|\"([^\"]*)\"|(\\d+))\\s*]");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern FILTER = Pattern.compile("([a-z_]+)\\s*(?:\\((.*)\\))?");

    private final String source;
    /** Literal text and expressions, in order: an expression is a {@link Expression}, the rest text. */
    private final List<Object> parts;

    private Template(String source, List<Object> parts) {
        this.source = source;
        this.parts = parts;
    }

    /** A value template (it reads {@code value} and {@code value_json}); throws {@link IllegalArgumentException} naming what it cannot evaluate. */
    public static Template parse(String source) {
        return parse(source, Set.of());
    }

    /** A template that may also read the named {@code variables}, as a command template reads {@code position}. */
    public static Template parse(String source, Set<String> variables) {
        if (source.contains("{%") || source.contains("{#")) {
            throw new IllegalArgumentException("its template uses statements ({% … %}), which Jarvis does not evaluate: " + source);
        }
        List<Object> parts = new ArrayList<>();
        Matcher block = BLOCK.matcher(source);
        int at = 0;
        while (block.find()) {
            parts.add(source.substring(at, block.start()));
            parts.add(Expression.parse(block.group(1).strip(), source, variables));
            at = block.end();
        }
        parts.add(source.substring(at));
        return new Template(source, List.copyOf(parts));
    }

    /** The template applied to a message's payload; empty when a key it reads is not in this message. */
    public Optional<String> render(String payload) {
        return render(new Payload(payload), Map.of());
    }

    /** The template applied to a payload, with the variables it was parsed to read; empty when something it reads is missing. */
    public Optional<String> render(Payload payload, Map<String, ?> variables) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Expression expression) {
                Optional<String> value = expression.evaluate(payload, variables);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                out.append(value.get());
            } else {
                out.append((String) part);
            }
        }
        return Optional.of(out.toString().strip());
    }

    @Override
    public String toString() {
        return source;
    }

    /** {@code value} or {@code value_json…} or a quoted text, then filters. */
    private record Expression(String root, List<Object> path, List<String[]> filters) {

        static Expression parse(String text, String template, Set<String> variables) {
            String[] pieces = text.split("\\|");
            String head = pieces[0].strip();
            List<String[]> filters = new ArrayList<>();
            for (int i = 1; i < pieces.length; i++) {
                Matcher filter = FILTER.matcher(pieces[i].strip());
                if (!filter.matches() || !List.of("int", "float", "round", "lower", "upper", "trim", "string", "default", "d")
                        .contains(filter.group(1))) {
                    throw new IllegalArgumentException("its template uses the filter '" + pieces[i].strip() + "', which Jarvis does not "
                            + "evaluate: " + template);
                }
                filters.add(new String[] {filter.group(1), filter.group(2) == null ? "" : filter.group(2).strip()});
            }
            if (head.matches("'[^']*'|\"[^\"]*\"")) {
                return new Expression(head.substring(1, head.length() - 1), null, filters);
            }
            Matcher name = NAME.matcher(head);
            String root = name.lookingAt() && (name.group().equals("value") || name.group().equals("value_json")
                    || variables.contains(name.group())) ? name.group() : null;
            if (root == null) {
                throw new IllegalArgumentException("its template reads '" + head + "', which Jarvis does not evaluate: " + template);
            }
            List<Object> path = new ArrayList<>();
            Matcher step = PATH.matcher(head);
            int at = root.length();
            while (at < head.length()) {
                if (!step.find(at) || step.start() != at) {
                    throw new IllegalArgumentException("its template uses '" + head + "', which Jarvis does not evaluate: " + template);
                }
                path.add(step.group(4) != null ? (Object) Integer.valueOf(step.group(4))
                        : step.group(1) != null ? step.group(1) : step.group(2) != null ? step.group(2) : step.group(3));
                at = step.end();
            }
            return new Expression(root, path, filters);
        }

        Optional<String> evaluate(Payload payload, Map<String, ?> variables) {
            String value;
            if (path == null) {
                value = root;
            } else if (root.equals("value") && path.isEmpty()) {
                value = payload.text();
            } else if (!root.equals("value_json")) {
                Object variable = variables.get(root);
                value = variable == null || !path.isEmpty() ? null : String.valueOf(variable);
            } else {
                JsonNode node = payload.json();
                for (Object key : path) {
                    node = key instanceof Integer index ? node.path(index) : node.path((String) key);
                }
                value = node.isMissingNode() || node.isNull() ? null : node.isValueNode() ? node.asText() : node.toString();
            }
            for (String[] filter : filters) {
                value = apply(filter[0], filter[1], value);
            }
            return Optional.ofNullable(value);
        }

        private static String apply(String filter, String argument, String value) {
            if (filter.equals("default") || filter.equals("d")) {
                return value != null ? value : argument.replaceAll("^['\"]|['\"]$", "");
            }
            if (value == null) {
                return null;
            }
            try {
                return switch (filter) {
                    case "int" -> new BigDecimal(value.strip()).setScale(0, RoundingMode.DOWN).toPlainString();
                    case "float" -> new BigDecimal(value.strip()).toPlainString();
                    case "round" -> new BigDecimal(value.strip())
                            .setScale(argument.isEmpty() ? 0 : Integer.parseInt(argument.split(",")[0].strip()), RoundingMode.HALF_EVEN)
                            .toPlainString();
                    case "lower" -> value.toLowerCase(Locale.ROOT);
                    case "upper" -> value.toUpperCase(Locale.ROOT);
                    case "trim" -> value.strip();
                    default -> value;
                };
            } catch (NumberFormatException e) {
                // As Jinja's int and float: a text that is not a number becomes 0.
                return filter.equals("round") || filter.equals("float") ? "0.0" : "0";
            }
        }
    }
}
