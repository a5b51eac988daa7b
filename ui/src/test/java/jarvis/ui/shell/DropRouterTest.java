package jarvis.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropRouterTest {

    @TempDir
    Path folder;

    private static final class MeshHandler implements DropRouter.Handler {
        final List<Path> opened = new ArrayList<>();
        @Override public Area area() { return Area.CAD; }
        @Override public boolean accepts(Path file) { return file.toString().toLowerCase().endsWith(".stl"); }
        @Override public void open(List<Path> files) { opened.addAll(files); }
    }

    @Test
    void filesGoToTheAreaThatTakesTheirTypeAndTheRestAreNamedByType() throws Exception {
        MeshHandler cad = new MeshHandler();
        Path mesh = Files.writeString(folder.resolve("bracket.STL"), "solid");
        Path song = Files.writeString(folder.resolve("take1.wav"), "RIFF");
        Path readme = Files.writeString(folder.resolve("README"), "text");
        Path subfolder = Files.createDirectory(folder.resolve("prints.stl"));

        DropRouter.Outcome outcome = new DropRouter(List.of(cad)).route(List.of(mesh, song, readme, subfolder));

        assertThat(cad.opened).containsExactly(mesh);
        assertThat(outcome.opened()).containsOnlyKeys(Area.CAD);
        assertThat(outcome.refused()).containsExactly(song, readme, subfolder);
        assertThat(outcome.message()).contains(".wav files", "files without an extension", "folders")
                .contains("take1.wav", "README", "prints.stl").contains("Nothing was changed");
    }

    @Test
    void aDropEveryAreaTakesHasNoMessage() throws Exception {
        Path mesh = Files.writeString(folder.resolve("a.stl"), "solid");
        DropRouter.Outcome outcome = new DropRouter(List.of(new MeshHandler())).route(List.of(mesh));
        assertThat(outcome.allOpened()).isTrue();
        assertThat(outcome.message()).isEmpty();
    }

    @Test
    void manyRefusedFilesAreSummarised() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            files.add(Files.writeString(folder.resolve("n" + i + ".txt"), "x"));
        }
        assertThat(new DropRouter(List.of()).route(files).message()).contains(".txt files").contains("and 2 more");
    }
}
