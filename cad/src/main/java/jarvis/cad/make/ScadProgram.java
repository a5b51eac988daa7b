package jarvis.cad.make;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An OpenSCAD program a model wrote: taken out of its answer (a fenced block, or the whole answer when it is only
 * code), with its named parameters, the top-level number assignments a person can change without the model, each
 * with the range its customizer comment gives ({@code width = 40; // [10:100]}).
 */
public record ScadProgram(String source, List<Parameter> parameters) {

    /** A number a person can change: its name, its value in the program, and its range when the comment gives one. */
    public record Parameter(String name, double value, Optional<Double> min, Optional<Double> max, String comment) {}

    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z]*\\s*\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*;\\s*(?://\\s*(.*))?$");
    private static final Pattern RANGE = Pattern.compile("\\[\\s*(-?[0-9.]+)\\s*:(?:\\s*[0-9.]+\\s*:)?\\s*(-?[0-9.]+)\\s*]");

    /** The program in a model's answer; empty when there is none. */
    public static Optional<ScadProgram> from(String answer) {
        Matcher fenced = FENCE.matcher(answer);
        String source = null;
        while (fenced.find()) {
            // The longest fenced block: a model may also show a one-line example.
            if (source == null || fenced.group(1).length() > source.length()) {
                source = fenced.group(1);
            }
        }
        if (source == null) {
            String whole = answer.strip();
            if (!whole.contains(";") || !(whole.contains("(") && whole.contains(")"))) {
                return Optional.empty();
            }
            source = whole;
        }
        return Optional.of(of(source.strip() + "\n"));
    }

    /**
     * The program with some parameters set to new values, written into their assignments so the program kept with a
     * part makes that part. What an assertion says to pin a changed parameter to its old value goes ({@code assert(length
     * == 40)}; see {@link PinnedSizes}): it held the size the person first gave, which the person has now changed. Every
     * other assertion stays, a bound such as {@code assert(wall >= 1.2)} above all: a change that breaks it is refused in
     * OpenSCAD's words.
     */
    public ScadProgram with(Map<String, Double> values) {
        List<String> known = parameters.stream().map(Parameter::name).toList();
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("The program has no parameter '" + name + "'; it has " + String.join(", ", known) + ".");
            }
        }
        Map<String, Double> was = parameters.stream().filter(p -> values.containsKey(p.name()) && p.value() != values.get(p.name()))
                .collect(Collectors.toMap(Parameter::name, Parameter::value));
        Set<String> changed = was.keySet();
        StringBuilder out = new StringBuilder();
        boolean top = true;
        String[] lines = source.split("\\R", -1);
        for (int at = 0; at < lines.length; at++) {
            String line = lines[at];
            top &= !line.startsWith("module ") && !line.startsWith("function ");
            Matcher assignment = ASSIGNMENT.matcher(line.strip());
            boolean atStart = !line.isEmpty() && !Character.isWhitespace(line.charAt(0));
            if (top && atStart && assignment.matches() && changed.contains(assignment.group(1))) {
                String name = assignment.group(1);
                out.append(name).append(" = ").append(number(values.get(name))).append(';')
                        .append(assignment.group(3) == null ? "" : " // " + assignment.group(3).strip()).append('\n');
            } else if (atStart && line.startsWith("assert")) {
                int end = statementEnd(lines, at);
                String statement = String.join("\n", Arrays.asList(lines).subList(at, end + 1));
                PinnedSizes.without(statement, was).ifPresent(kept -> out.append(kept).append('\n'));
                at = end;
            } else {
                out.append(line).append('\n');
            }
        }
        return of(out.substring(0, out.length() - 1));
    }

    /** The line an assertion starting at {@code from} ends on: where its brackets close and its ';' comes, strings aside. */
    private static int statementEnd(String[] lines, int from) {
        ScadScan scan = new ScadScan();
        for (int at = from; at < lines.length; at++) {
            String line = lines[at];
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (!scan.code(c, false)) {
                    continue;
                }
                if (c == ';' && scan.depth() <= 0) {
                    return at;
                }
                if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                    break;
                }
            }
        }
        return from;
    }

    /** A value as OpenSCAD reads it: 40, not 40.0. */
    public static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }

    public static ScadProgram of(String source) {
        List<Parameter> parameters = new ArrayList<>();
        for (String line : source.split("\\R")) {
            if (line.startsWith("module ") || line.startsWith("function ")) {
                break;
            }
            Matcher assignment = ASSIGNMENT.matcher(line.strip());
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && assignment.matches()) {
                String comment = assignment.group(3) == null ? "" : assignment.group(3).strip();
                Matcher range = RANGE.matcher(comment);
                boolean ranged = range.find();
                parameters.add(new Parameter(assignment.group(1), Double.parseDouble(assignment.group(2)),
                        ranged ? Optional.of(Double.parseDouble(range.group(1))) : Optional.empty(),
                        ranged ? Optional.of(Double.parseDouble(range.group(2))) : Optional.empty(), comment));
            }
        }
        return new ScadProgram(source, List.copyOf(parameters));
    }
}
