package jarvis.cad.mesh;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a STEP file (ISO 10303-21) says about itself without its geometry: the name and originating system from
 * FILE_NAME, the application protocol from FILE_SCHEMA, the length unit its context declares (SI_UNIT with its prefix,
 * or a conversion-based inch or foot), and the names of its products (the parts and assemblies). The geometry itself
 * (B-rep surfaces) needs a CAD kernel: a converter command turns it into a mesh.
 */
public record StepHeader(String name, String originatingSystem, String schema, Optional<Mesh.Units> units, List<String> products) {

    private static final int MOST_PRODUCTS = 200;

    public static StepHeader read(Path file) throws MeshException {
        return read(MeshFiles.bytes(file), file.getFileName().toString());
    }

    /** Reads a STEP file held in memory; {@code file} is for messages. */
    public static StepHeader read(byte[] bytes, String file) throws MeshException {
        Statements statements = new Statements(text(bytes));
        String first = statements.next();
        if (first == null || !first.strip().equals("ISO-10303-21")) {
            throw new MeshException(file + " is not a STEP file: it does not begin with ISO-10303-21.");
        }
        String name = "";
        String system = "";
        String schema = "";
        Units units = new Units();
        List<String> products = new ArrayList<>();
        boolean ended = false;
        for (String statement; (statement = statements.next()) != null; ) {
            String text = statement.strip();
            if (text.equals("END-ISO-10303-21")) {
                ended = true;
                break;
            }
            String type = type(text);
            switch (type) {
                case "FILE_NAME" -> {
                    List<Object> arguments = arguments(text);
                    name = text(arguments, 0);
                    system = text(arguments, 5);
                }
                case "FILE_SCHEMA" -> {
                    List<Object> arguments = arguments(text);
                    if (!arguments.isEmpty() && arguments.getFirst() instanceof List<?> schemas && !schemas.isEmpty()) {
                        schema = decode(String.valueOf(schemas.getFirst())).replaceAll("\\s*\\{.*", "");
                    }
                }
                case "PRODUCT" -> {
                    if (products.size() < MOST_PRODUCTS) {
                        String product = text(arguments(text), 1);
                        products.add(product.isBlank() ? text(arguments(text), 0) : product);
                    }
                }
                case "LENGTH_MEASURE_WITH_UNIT" -> units.measure(text);
                default -> {
                    if (text.contains("LENGTH_UNIT")) {
                        units.unit(text);
                    }
                    if (text.contains("GLOBAL_UNIT_ASSIGNED_CONTEXT")) {
                        units.context(text);
                    }
                }
            }
        }
        if (!ended && statements.cut()) {
            throw new MeshException(file + " is not a whole STEP file: it ends in the middle of a record (it was cut short).");
        }
        if (schema.isEmpty()) {
            throw new MeshException(file + " has no FILE_SCHEMA in its header: it is not a STEP file Jarvis can read.");
        }
        return new StepHeader(name, system, schema, units.declared(), List.copyOf(products));
    }

    /**
     * The text: UTF-8 when it is valid UTF-8 (edition 3, and SolidWorks writes names that way), else ISO 8859-1 as
     * the older editions have it.
     */
    private static String text(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            bytes = Arrays.copyOfRange(bytes, 3, bytes.length);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** The entity type of {@code #12=PRODUCT(...)} or a header's {@code FILE_NAME(...)}; "" for a complex entity. */
    private static String type(String statement) {
        int from = statement.startsWith("#") ? statement.indexOf('=') + 1 : 0;
        int open = statement.indexOf('(', from);
        return open < 0 ? statement.substring(from).strip() : statement.substring(from, open).strip();
    }

    /**
     * The length units the file declares, resolved at the end: an SI unit with its prefix, or a conversion-based unit
     * (inch, foot, or even "METRE") whose factor is worked out from the measure it names rather than trusted by name.
     * The file's is the length unit its first representation context assigns; with no context, the first declared.
     */
    private static final class Units {
        private final Map<String, Double> siMillimetres = new HashMap<>();
        private final Map<String, String> measures = new HashMap<>();
        private final Map<String, String> lengthUnits = new HashMap<>();
        private final List<String> assigned = new ArrayList<>();
        private String first;

        void unit(String statement) {
            String text = statement.replaceAll("\\s+", "");
            String id = text.startsWith("#") ? text.substring(0, text.indexOf('=')) : "";
            int si = text.indexOf("SI_UNIT(");
            if (si >= 0 && text.contains(".METRE.")) {
                String prefix = text.substring(si + "SI_UNIT(".length(), text.indexOf(',', si));
                Double millimetres = switch (prefix) {
                    case ".MILLI." -> 1.0;
                    case ".CENTI." -> 10.0;
                    case ".MICRO." -> 0.001;
                    case ".KILO." -> 1e6;
                    case "$" -> 1000.0;
                    default -> null;
                };
                if (millimetres != null) {
                    siMillimetres.put(id, millimetres);
                }
            }
            lengthUnits.put(id, text);
            if (first == null) {
                first = id;
            }
        }

        /** The units a GLOBAL_UNIT_ASSIGNED_CONTEXT names; the first context met is the one kept. */
        void context(String statement) {
            if (!assigned.isEmpty()) {
                return;
            }
            String text = statement.replaceAll("\\s+", "");
            int from = text.indexOf("GLOBAL_UNIT_ASSIGNED_CONTEXT");
            int to = text.indexOf("))", from);
            Matcher ids = REFERENCE.matcher(text.substring(from, to < 0 ? text.length() : to));
            while (ids.find()) {
                assigned.add(ids.group());
            }
        }

        void measure(String statement) {
            String text = statement.replaceAll("\\s+", "");
            measures.put(text.substring(0, Math.max(0, text.indexOf('='))), text);
        }

        Optional<Mesh.Units> declared() {
            String unit = assigned.stream().filter(lengthUnits::containsKey).findFirst().orElse(first);
            if (unit == null) {
                return Optional.empty();
            }
            if (siMillimetres.containsKey(unit)) {
                return nearest(siMillimetres.get(unit));
            }
            Matcher conversion = CONVERSION.matcher(lengthUnits.get(unit));
            if (!conversion.find()) {
                return Optional.empty();
            }
            Matcher measure = MEASURE.matcher(measures.getOrDefault(conversion.group(2), ""));
            if (measure.find() && siMillimetres.containsKey(measure.group(2))) {
                return nearest(Double.parseDouble(measure.group(1)) * siMillimetres.get(measure.group(2)));
            }
            return switch (conversion.group(1).toUpperCase(Locale.ROOT)) {
                case "INCH" -> Optional.of(Mesh.Units.INCH);
                case "FOOT" -> Optional.of(Mesh.Units.FOOT);
                default -> Optional.empty();
            };
        }

        private static Optional<Mesh.Units> nearest(double millimetres) {
            for (Mesh.Units unit : Mesh.Units.values()) {
                if (Math.abs(unit.millimetres() - millimetres) <= unit.millimetres() * 0.01) {
                    return Optional.of(unit);
                }
            }
            return Optional.empty();
        }
    }

    private static final Pattern REFERENCE = Pattern.compile("#\\d+");
    private static final Pattern CONVERSION = Pattern.compile("CONVERSION_BASED_UNIT\\('([^']*)',(#\\d+)\\)");
    private static final Pattern MEASURE = Pattern.compile("LENGTH_MEASURE\\(([-+0-9.Ee]+)\\),(#\\d+)\\)");

    private static String text(List<Object> arguments, int index) {
        if (index >= arguments.size()) {
            return "";
        }
        Object value = arguments.get(index);
        return value instanceof Quoted quoted ? decode(quoted.text()) : "";
    }

    /** A string argument, its doubled quotes already undone. */
    private record Quoted(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** The arguments of {@code TYPE(a, 'b', (c, d))}: quoted strings, nested lists, and other tokens as written. */
    static List<Object> arguments(String statement) {
        int open = statement.indexOf('(');
        List<Object> top = new ArrayList<>();
        if (open < 0) {
            return top;
        }
        List<List<Object>> stack = new ArrayList<>();
        stack.add(top);
        StringBuilder token = new StringBuilder();
        for (int i = open + 1; i < statement.length() && !stack.isEmpty(); i++) {
            char c = statement.charAt(i);
            List<Object> current = stack.getLast();
            if (c == '\'') {
                StringBuilder quoted = new StringBuilder();
                for (i++; i < statement.length(); i++) {
                    if (statement.charAt(i) == '\'') {
                        if (i + 1 < statement.length() && statement.charAt(i + 1) == '\'') {
                            quoted.append('\'');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        quoted.append(statement.charAt(i));
                    }
                }
                current.add(new Quoted(quoted.toString()));
            } else if (c == '(') {
                List<Object> inner = new ArrayList<>();
                current.add(inner);
                stack.add(inner);
            } else if (c == ',' || c == ')') {
                if (!token.isEmpty()) {
                    current.add(token.toString().strip());
                    token.setLength(0);
                }
                if (c == ')') {
                    stack.removeLast();
                }
            } else if (!Character.isWhitespace(c)) {
                token.append(c);
            }
        }
        return top;
    }

    /** Part 21's escapes: \X2\…\X0\ (UTF-16 in hex), \X\hh (one ISO 8859-1 byte), and \\ for a backslash. */
    static String decode(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("\\X2\\", i)) {
                int end = text.indexOf("\\X0\\", i + 4);
                if (end > 0) {
                    String hex = text.substring(i + 4, end);
                    try {
                        StringBuilder decoded = new StringBuilder();
                        for (int k = 0; k + 4 <= hex.length(); k += 4) {
                            decoded.append((char) Integer.parseInt(hex.substring(k, k + 4), 16));
                        }
                        out.append(decoded);
                        i = end + 3;
                        continue;
                    } catch (NumberFormatException e) {
                        // Not hex after all: kept as written.
                    }
                }
            } else if (text.startsWith("\\X\\", i) && i + 5 <= text.length()) {
                try {
                    out.append((char) Integer.parseInt(text.substring(i + 3, i + 5), 16));
                    i += 4;
                    continue;
                } catch (NumberFormatException e) {
                    // Not an escape after all: kept as written.
                }
            } else if (text.startsWith("\\\\", i)) {
                out.append('\\');
                i++;
                continue;
            }
            out.append(text.charAt(i));
        }
        return out.toString();
    }

    /** The file's statements, split at semicolons outside strings and comments. */
    private static final class Statements {
        private final String text;
        private int at;
        private boolean cut;

        Statements(String text) {
            this.text = text;
        }

        String next() {
            StringBuilder statement = new StringBuilder();
            boolean quoted = false;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (!quoted && c == '/' && at + 1 < text.length() && text.charAt(at + 1) == '*') {
                    int end = text.indexOf("*/", at + 2);
                    at = end < 0 ? text.length() : end + 2;
                    continue;
                }
                at++;
                if (c == '\'') {
                    quoted = !quoted;
                } else if (c == ';' && !quoted) {
                    return statement.toString();
                }
                if (c != '\r' && c != '\n') {
                    statement.append(c);
                }
            }
            cut = !statement.toString().isBlank();
            return null;
        }

        boolean cut() {
            return cut;
        }
    }
}
