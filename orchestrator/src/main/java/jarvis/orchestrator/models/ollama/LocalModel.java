package jarvis.orchestrator.models.ollama;

import java.util.Set;

/** A model Ollama has: its name, size on disk, family and what it can do (tools, vision, thinking). */
public record LocalModel(String name, long sizeBytes, String family, String parameterSize, String quantization,
                         Set<String> capabilities) {

    public LocalModel {
        capabilities = Set.copyOf(capabilities);
    }
}
