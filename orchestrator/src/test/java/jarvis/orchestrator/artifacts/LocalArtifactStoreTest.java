package jarvis.orchestrator.artifacts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class LocalArtifactStoreTest extends ArtifactStoreContract {

    @Override
    protected BlobStore blobStore(Path folder) {
        return new LocalBlobStore(folder.resolve("artifacts"));
    }

    @Override
    protected List<Broken> brokenStores(Path folder) throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("occupied"), "a file where the folder should be");
        return List.of(new Broken("the artifact folder is a file", new LocalBlobStore(notAFolder), "artifact folder"));
    }
}
