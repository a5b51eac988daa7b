package jarvis.orchestrator.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jarvis.orchestrator.storage.Database;
import jarvis.orchestrator.storage.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every artifact store must do, whatever holds the bytes. Each adapter's test extends this and supplies
 * its blob store, and the ways it can be broken (a wrong key, a server that is down, a folder that is not one).
 */
public abstract class ArtifactStoreContract {

    /** A blob store that cannot work, and a phrase its error message must contain. */
    protected record Broken(String why, BlobStore blobs, String expectedMessage) {}

    @TempDir
    protected Path folder;

    private Database database;
    protected ArtifactCatalog catalog;
    protected BlobStore blobs;
    protected ArtifactStore store;

    protected abstract BlobStore blobStore(Path folder) throws Exception;

    protected abstract List<Broken> brokenStores(Path folder) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        database = TestDatabases.fresh(folder);
        catalog = new ArtifactCatalog(database);
        blobs = blobStore(folder);
        store = new CatalogArtifactStore(catalog, blobs, folder.resolve("scratch"), Clock.systemUTC());
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    private static InputStream text(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    private String read(String id) throws Exception {
        try (InputStream in = store.open(id)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void putThenGetReturnsTheSameBytesWithSizeChecksumTypeAndMetadata() throws Exception {
        Artifact stored = store.put("gcode/bracket.gcode", "text/x-gcode", text("G28\nG1 X10\n"), Map.of("printer", "mk4"));
        assertThat(read(stored.id())).isEqualTo("G28\nG1 X10\n");
        assertThat(stored.size()).isEqualTo(11);
        assertThat(stored.sha256()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest("G28\nG1 X10\n".getBytes(StandardCharsets.UTF_8))));
        assertThat(stored.version()).isEqualTo(1);
        Artifact found = store.find(stored.id()).orElseThrow();
        assertThat(found.contentType()).isEqualTo("text/x-gcode");
        assertThat(found.metadata()).containsExactlyEntriesOf(Map.of("printer", "mk4"));
    }

    @Test
    void storingANameAgainMakesANewVersionAndOlderOnesStayReadable() throws Exception {
        Artifact first = store.put("meshes/bracket.stl", "model/stl", text("solid v1"), Map.of());
        Artifact second = store.put("meshes/bracket.stl", "model/stl", text("solid v2"), Map.of("note", "thicker"));
        assertThat(second.version()).isEqualTo(2);
        assertThat(store.versions("meshes/bracket.stl")).extracting(Artifact::version).containsExactly(2, 1);
        assertThat(store.latest("meshes/bracket.stl")).map(Artifact::id).contains(second.id());
        assertThat(read(first.id())).isEqualTo("solid v1");
        assertThat(read(second.id())).isEqualTo("solid v2");
    }

    @Test
    void listByPrefixShowsTheNewestVersionOfEachName() {
        store.put("meshes/a.stl", "model/stl", text("a1"), Map.of());
        store.put("meshes/a.stl", "model/stl", text("a2"), Map.of());
        store.put("meshes/b.stl", "model/stl", text("b1"), Map.of());
        store.put("audio/take.wav", "audio/wav", text("w"), Map.of());
        store.put("meshes_old/c.stl", "model/stl", text("c"), Map.of());
        assertThat(store.list("meshes/")).extracting(Artifact::name, Artifact::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("meshes/a.stl", 2), org.assertj.core.groups.Tuple.tuple("meshes/b.stl", 1));
        assertThat(store.list("")).hasSize(4);
    }

    @Test
    void deleteRemovesOneVersionAndKeepsBytesOthersShare() throws Exception {
        Artifact first = store.put("snap.jpg", "image/jpeg", text("same bytes"), Map.of());
        Artifact copy = store.put("copy.jpg", "image/jpeg", text("same bytes"), Map.of());
        store.delete(first.id());
        assertThat(store.find(first.id())).isEmpty();
        assertThat(read(copy.id())).isEqualTo("same bytes");
        store.delete(copy.id());
        assertThat(blobs.exists(copy.sha256())).isFalse();
    }

    @Test
    void aMissingArtifactGivesAClearMessage() {
        assertThatThrownBy(() -> store.open("no-such-id")).isInstanceOf(ArtifactNotFoundException.class)
                .hasMessageContaining("no-such-id").hasMessageContaining("artifacts list");
        assertThatThrownBy(() -> store.delete("no-such-id")).isInstanceOf(ArtifactNotFoundException.class);
    }

    @Test
    void bytesGoneFromTheStoreAreReportedNotReturnedEmpty() {
        Artifact stored = store.put("gone.bin", "application/octet-stream", text("bytes"), Map.of());
        blobs.delete(stored.sha256());
        assertThatThrownBy(() -> store.open(stored.id()).close()).isInstanceOf(ArtifactNotFoundException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void aBrokenStoreFailsWithAClearMessageAndRecordsNothing() throws Exception {
        List<Broken> broken = brokenStores(folder);
        assertThat(broken).isNotEmpty();
        for (Broken each : broken) {
            ArtifactStore failing = new CatalogArtifactStore(catalog, each.blobs(), folder.resolve("scratch"), Clock.systemUTC());
            assertThatThrownBy(() -> failing.put("x.bin", "application/octet-stream", text("data"), Map.of()))
                    .as(each.why()).isInstanceOf(ArtifactStoreException.class).hasMessageContaining(each.expectedMessage());
            assertThatThrownBy(failing::check).as(each.why()).isInstanceOf(ArtifactStoreException.class);
            assertThat(store.versions("x.bin")).as(each.why() + ": no catalogue row without bytes").isEmpty();
        }
    }
}
