package jarvis.tests.studio;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.app.Core;
import jarvis.audio.source.Audio;
import jarvis.audio.source.AudioDecoder;
import jarvis.audio.source.M4aConverter;
import jarvis.audio.source.Peaks;
import jarvis.audio.source.Progress;
import jarvis.audio.source.SourceImport;
import jarvis.audio.store.SourceLibrary;
import jarvis.orchestrator.home.DataFolder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The studio's sounds in memory: the recently used ones within a budget of bytes, the rest read back from the store. */
class SourceLibraryTest {

    @TempDir
    Path home;

    private static SourceImport.Imported second(String name, float level) {
        float[] samples = new float[48_000];
        java.util.Arrays.fill(samples, level);
        Audio audio = new Audio(48_000, new float[][] {samples});
        return new SourceImport.Imported(name, audio, Peaks.of(audio), "test", 48_000, List.of());
    }

    @Test
    void soundsBeyondTheBudgetAreLetGoAndReadBackAsTheyWere() throws Exception {
        try (Core core = new Core(new DataFolder(home), Map.of())) {
            var storage = core.openStorage();
            // Room for one second of mono and a half: two sounds do not fit.
            SourceLibrary library = new SourceLibrary(storage.database(), storage.artifacts(),
                    new SourceImport(new AudioDecoder(M4aConverter.none())), Clock.systemUTC(), 4L * 72_000);
            library.add(second("a.wav", 0.25f), "a", Progress.NONE);
            Audio a = library.audio("a");
            assertThat(library.audio("a")).as("kept while it fits").isSameAs(a);

            library.add(second("b.wav", 0.5f), "b", Progress.NONE);
            Audio b = library.audio("b");

            Audio again = library.audio("a");
            assertThat(again).as("let go for b, read back from the store").isNotSameAs(a);
            assertThat(again.channel(0)).containsOnly(0.25f);
            assertThat(library.audio("a")).isSameAs(again);
            assertThat(library.audio("b")).as("let go for a in turn").isNotSameAs(b);
        }
    }
}
