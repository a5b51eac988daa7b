package jarvis.cad.make;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The assertions in a model's OpenSCAD program that pin a size to the value the person first gave, found so that a
 * change of that size can take them out. A condition pins a size when it holds it to its old value and nothing else:
 * {@code len == 40} (either way round), {@code abs(len - 40) < 0.01} (either way round, {@code <} or {@code <=}, any
 * tolerance), or {@code len >= 40 - e} with {@code len <= 40 + e} (one side alone is a limit, and stays). A condition of several parts joined by {@code &&}
 * loses only the parts that pin a changed size; an assertion left with none goes. Every other assertion stays: a bound
 * such as {@code wall >= 1.2} is a limit, and one with a child ({@code assert(x > 0) cube(x);}) holds geometry.
 */
final class PinnedSizes {

    private static final String NUMBER = "-?[0-9]+(?:\\.[0-9]+)?";
    /** A part that pins a size by itself. */
    private static final String EXACT = "exact";

    private PinnedSizes() {}

    /** An assertion statement split where its condition starts and ends. */
    private record Assertion(String before, String condition, String after) {}

    /**
     * The statement with the parts of its condition that pin a size in {@code was} (name to old value) taken out: empty
     * when nothing is left of it, the statement unchanged when nothing in it pins a changed size.
     */
    static Optional<String> without(String statement, Map<String, Double> was) {
        Optional<Assertion> split = split(statement.strip());
        if (split.isEmpty() || was.isEmpty()) {
            return Optional.of(statement);
        }
        List<String> parts = conjuncts(split.get().condition());
        List<Optional<String>> pins = parts.stream().map(part -> pin(part.replaceAll("\\s+", ""), was)).toList();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            // A one-sided bound goes only with its other side: "len >= 40 - e" alone is a limit, not the size pinned.
            Optional<String> pinned = pins.get(i);
            boolean goes = pinned.isPresent() && (pinned.get().equals(EXACT) || pins.contains(Optional.of(otherSide(pinned.get()))));
            if (!goes) {
                kept.add(parts.get(i).strip());
            }
        }
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        if (kept.size() == parts.size()) {
            return Optional.of(statement);
        }
        return Optional.of(split.get().before() + String.join(" && ", kept) + split.get().after());
    }

    /**
     * How one part of a condition (no blanks) holds a size in {@code was} to its old value: {@link #EXACT}, or as one
     * side of a range ("above NAME", "below NAME"); empty when it does not.
     */
    private static Optional<String> pin(String part, Map<String, Double> was) {
        String bare = unwrapped(part);
        for (Map.Entry<String, Double> old : was.entrySet()) {
            String name = Pattern.quote(old.getKey());
            String n = "(" + NUMBER + ")";
            Map<Pattern, String> forms = Map.of(Pattern.compile(name + "==" + n), EXACT, Pattern.compile(n + "==" + name), EXACT,
                    Pattern.compile("abs\\(" + name + "-" + n + "\\)<=?.+"), EXACT, Pattern.compile("abs\\(" + n + "-" + name + "\\)<=?.+"), EXACT,
                    Pattern.compile(name + ">=?" + n + "-.+"), "above " + old.getKey(), Pattern.compile(name + "<=?" + n + "\\+.+"),
                    "below " + old.getKey());
            for (Map.Entry<Pattern, String> form : forms.entrySet()) {
                Matcher pinned = form.getKey().matcher(bare);
                if (pinned.matches() && Double.parseDouble(pinned.group(1)) == old.getValue()) {
                    return Optional.of(form.getValue());
                }
            }
        }
        return Optional.empty();
    }

    private static String otherSide(String side) {
        return side.startsWith("above ") ? "below " + side.substring(6) : "above " + side.substring(6);
    }

    /** A part without the brackets around the whole of it. */
    private static String unwrapped(String part) {
        String bare = part;
        while (bare.startsWith("(") && bare.endsWith(")") && closes(bare) == bare.length() - 1) {
            bare = bare.substring(1, bare.length() - 1);
        }
        return bare;
    }

    /** Where the bracket opening {@code text} closes. */
    private static int closes(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            depth += text.charAt(i) == '(' ? 1 : text.charAt(i) == ')' ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The parts of a condition joined by a top-level {@code &&}; one part when it has an {@code ||} at the top level. */
    private static List<String> conjuncts(String condition) {
        List<String> parts = new ArrayList<>();
        ScadScan scan = new ScadScan();
        int from = 0;
        for (int i = 0; i < condition.length(); i++) {
            if (!scan.code(condition.charAt(i), true) || scan.depth() != 0) {
                continue;
            }
            if (condition.startsWith("||", i)) {
                return List.of(condition);
            }
            if (condition.startsWith("&&", i)) {
                parts.add(condition.substring(from, i));
                from = i + 2;
                i++;
            }
        }
        parts.add(condition.substring(from));
        return parts;
    }

    /** {@code assert(CONDITION, MESSAGE);} split around its condition, when nothing but a comment follows; empty for one with a child. */
    private static Optional<Assertion> split(String statement) {
        if (!statement.startsWith("assert")) {
            return Optional.empty();
        }
        int open = statement.indexOf('(');
        if (open < 0 || !statement.substring("assert".length(), open).isBlank()) {
            return Optional.empty();
        }
        ScadScan scan = new ScadScan();
        int comma = -1;
        for (int i = open; i < statement.length(); i++) {
            char c = statement.charAt(i);
            if (!scan.code(c, true)) {
                continue;
            }
            if ((c == ')' || c == ']') && scan.depth() == 0) {
                String rest = statement.substring(i + 1).strip();
                boolean alone = rest.equals(";") || rest.startsWith(";") && rest.substring(1).strip().startsWith("//");
                int end = comma < 0 ? i : comma;
                return alone ? Optional.of(new Assertion(statement.substring(0, open + 1), statement.substring(open + 1, end),
                        statement.substring(end))) : Optional.empty();
            }
            if (c == ',' && scan.depth() == 1 && comma < 0) {
                comma = i;
            }
        }
        return Optional.empty();
    }
}
