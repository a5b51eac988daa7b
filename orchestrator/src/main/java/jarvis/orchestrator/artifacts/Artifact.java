package jarvis.orchestrator.artifacts;

import java.time.Instant;
import java.util.Map;

/** One stored version of a named artifact: a mesh, G-code, audio, a snapshot, an export. */
public record Artifact(String id, String name, int version, String contentType, long size, String sha256,
                       Map<String, String> metadata, Instant createdAt) {
    public Artifact {
        metadata = Map.copyOf(metadata);
    }
}
