package jarvis.orchestrator.artifacts;

import jarvis.orchestrator.jobs.JobContext;
import jarvis.orchestrator.jobs.JobHandler;
import jarvis.orchestrator.jobs.PermanentJobFailure;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reads every stored artifact back and checks its SHA-256, reporting progress per artifact. */
public final class VerifyArtifactsJob implements JobHandler {

    public static final String TYPE = "artifacts.verify";

    private final ArtifactCatalog catalog;
    private final BlobStore blobs;

    public VerifyArtifactsJob(ArtifactCatalog catalog, BlobStore blobs) {
        this.catalog = catalog;
        this.blobs = blobs;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) throws Exception {
        List<Artifact> artifacts = catalog.all();
        List<String> damaged = new ArrayList<>();
        for (int i = 0; i < artifacts.size(); i++) {
            context.checkCancelled();
            Artifact artifact = artifacts.get(i);
            context.progress((double) i / artifacts.size(), "Checking " + artifact.name() + " v" + artifact.version());
            if (!artifact.sha256().equals(checksum(artifact))) {
                damaged.add(artifact.name() + " v" + artifact.version());
            }
        }
        if (!damaged.isEmpty()) {
            throw new PermanentJobFailure(damaged.size() + " of " + artifacts.size() + " artifacts do not match their "
                    + "checksum: " + String.join(", ", damaged) + ". Restore them from a backup or store them again.");
        }
        context.progress(1, artifacts.size() == 1 ? "1 artifact checked, intact"
                : artifacts.size() + " artifacts checked, all intact");
    }

    private String checksum(Artifact artifact) throws IOException {
        try (InputStream in = new DigestInputStream(blobs.open(artifact.sha256()), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (ArtifactNotFoundException e) {
            return "missing";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
