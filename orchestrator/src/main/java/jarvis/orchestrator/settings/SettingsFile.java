package jarvis.orchestrator.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes {@code settings.json}. A broken file never stops the app: each bad field falls back to its
 * default and is reported; a file that is not JSON at all gives all defaults. Before the first write over a
 * file that had problems, the original is kept beside it, so nothing in it is lost.
 */
public final class SettingsFile {

    /** What loading found: the settings to use and everything that was wrong. */
    public record Loaded(Settings settings, List<SettingsProblem> problems) {
        public boolean usedDefaults() {
            return !problems.isEmpty();
        }
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private boolean keepOriginalBeforeWriting;

    public SettingsFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public synchronized Loaded load(Map<String, String> environment) {
        List<SettingsProblem> problems = new ArrayList<>();
        Map<String, Object> fileValues = readFile(problems);
        Map<String, Object> envValues = readEnvironment(environment, problems);
        keepOriginalBeforeWriting = problems.stream().anyMatch(p -> p.source().equals(file.toString()));
        return new Loaded(new Settings(fileValues, envValues, CloudFromEnvironment.of(environment)), List.copyOf(problems));
    }

    private Map<String, Object> readFile(List<SettingsProblem> problems) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return values;
        }
        String where = file.toString();
        JsonNode root;
        try {
            root = json.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String position = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            problems.add(new SettingsProblem(where, null, "not valid JSON" + position + " (" + e.getOriginalMessage()
                    + "); using defaults for every setting. Fix the file or delete it to start fresh."));
            return values;
        } catch (IOException e) {
            problems.add(new SettingsProblem(where, null, "cannot be read (" + e.getMessage() + "); using defaults."));
            return values;
        }
        if (root == null || root.isMissingNode()) {
            return values;
        }
        if (!root.isObject()) {
            problems.add(new SettingsProblem(where, null, "must hold one JSON object of \"name\": value pairs; using defaults."));
            return values;
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            Optional<SettingKey<?>> key = SettingsSchema.find(field.getKey());
            if (key.isEmpty()) {
                problems.add(new SettingsProblem(where, field.getKey(), "unknown setting; it is ignored. "
                        + suggestion(field.getKey()) + "Run './jarvis settings list' to see every setting."));
                continue;
            }
            try {
                values.put(field.getKey(), key.get().type().fromJson(field.getValue()));
            } catch (InvalidSettingException e) {
                problems.add(new SettingsProblem(where, field.getKey(), e.getMessage() + "; using the default "
                        + key.get().format(key.get().defaultValue()) + " until it is fixed."));
            }
        }
        return values;
    }

    private static Map<String, Object> readEnvironment(Map<String, String> environment, List<SettingsProblem> problems) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (SettingKey<?> key : SettingsSchema.all()) {
            if (key.environmentVariable().isEmpty()) {
                continue;
            }
            String variable = key.environmentVariable().get();
            String raw = environment.get(variable);
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String text = key.type() instanceof SettingType.Url ? EnvironmentAddresses.normalise(raw) : raw;
            try {
                values.put(key.name(), key.type().parse(text));
            } catch (InvalidSettingException e) {
                problems.add(new SettingsProblem("environment variable " + variable, key.name(),
                        e.getMessage() + "; ignoring the variable. Unset it or correct it."));
            }
        }
        return values;
    }

    private static String suggestion(String unknown) {
        return SettingsSchema.all().stream()
                .map(SettingKey::name)
                .filter(name -> Levenshtein.distance(name, unknown) <= 3)
                .findFirst()
                .map(name -> "Did you mean '" + name + "'? ")
                .orElse("");
    }

    public synchronized void save(Settings settings) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (keepOriginalBeforeWriting && Files.exists(file)) {
            Path kept = file.resolveSibling(file.getFileName() + ".broken-" + LocalDateTime.now().format(STAMP));
            Files.copy(file, kept, StandardCopyOption.REPLACE_EXISTING);
            keepOriginalBeforeWriting = false;
        }
        ObjectNode root = json.createObjectNode();
        for (SettingKey<?> key : SettingsSchema.all()) {
            Object value = settings.fileValues().get(key.name());
            if (value != null) {
                root.set(key.name(), toJson(key, value));
            }
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        json.writeValue(temp.toFile(), root);
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> JsonNode toJson(SettingKey<T> key, Object value) {
        return key.type().toJson((T) value);
    }
}
