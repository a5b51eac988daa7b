package jarvis.orchestrator.models;

import com.fasterxml.jackson.databind.JsonNode;

/** A tool a model may call: its name, what it does, and its parameters as a JSON Schema object. */
public record ToolSpec(String name, String description, JsonNode parameters) {}
