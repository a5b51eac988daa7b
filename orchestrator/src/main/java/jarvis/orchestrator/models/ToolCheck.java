package jarvis.orchestrator.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Whether a model's tool call is one it may make: a tool it was offered, arguments that are JSON and fit its schema. */
public final class ToolCheck {

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    /** Schemas compiled once: a tool's parameters do not change. */
    private static final Map<JsonNode, JsonSchema> COMPILED = new ConcurrentHashMap<>();

    private ToolCheck() {}

    /** Why {@code call} is not valid among {@code tools}, or empty when it is. */
    public static Optional<String> invalid(ToolCall call, List<ToolSpec> tools) {
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
        Set<ValidationMessage> errors = COMPILED.computeIfAbsent(parameters, SCHEMAS::getSchema).validate(call.arguments());
        return errors.isEmpty() ? Optional.empty() : Optional.of(errors.iterator().next().getMessage());
    }

    private static String abbreviate(String text) {
        String shown = text == null ? "" : text;
        return shown.length() <= 60 ? shown : shown.substring(0, 57) + "...";
    }
}
