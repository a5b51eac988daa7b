package jarvis.orchestrator.artifacts;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one way artifacts are kept. Storing a name again makes a new version; older versions stay readable.
 * Failures are {@link ArtifactStoreException}s whose message says what went wrong and what to do.
 */
public interface ArtifactStore {

    Artifact put(String name, String contentType, InputStream content, Map<String, String> metadata);

    /** The bytes of one version. The caller closes the stream. */
    InputStream open(String artifactId);

    Optional<Artifact> find(String artifactId);

    /** The newest version of a name. */
    Optional<Artifact> latest(String name);

    /** Every version of a name, newest first. */
    List<Artifact> versions(String name);

    /** The newest version of every name that starts with {@code prefix}, by name. */
    List<Artifact> list(String prefix);

    /** Removes one version; its bytes go when no other version shares them. */
    void delete(String artifactId);

    /** Checks that the store can be reached and written; throws with a clear message when not. */
    void check();

    /** Where artifacts live, for the status bar and {@code jarvis doctor}. */
    String describe();
}
