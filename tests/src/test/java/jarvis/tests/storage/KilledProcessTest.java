package jarvis.tests.storage;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.orchestrator.jobs.JobRepository;
import jarvis.orchestrator.storage.Database;
import jarvis.tests.support.JavaProcess;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KilledProcessTest {

    @TempDir
    Path folder;

    @Test
    void aJvmKilledWhileWritingLeavesADatabaseThatOpensWithEveryCommittedRow() throws Exception {
        Path base = folder.resolve("db").resolve("jarvis");
        int lastCommitted;
        try (JavaProcess writer = JavaProcess.testMain(null, List.of(), CommittingWriter.class, base.toString())) {
            assertThat(writer.awaitLine("COMMITTED 300", 60_000)).as("the writer got going; stderr: %s", writer.stderr()).isNotNull();
            writer.kill();
            String[] committed = writer.stdout().lines().filter(l -> l.startsWith("COMMITTED ")).reduce((a, b) -> b).orElseThrow().split(" ");
            lastCommitted = Integer.parseInt(committed[1]);
        }
        try (Database reopened = Database.openFile(base)) {
            JobRepository jobs = new JobRepository(reopened);
            for (int i = 0; i <= lastCommitted; i++) {
                assertThat(jobs.find("row-" + i)).as("row %d of %d committed rows", i, lastCommitted).isPresent();
            }
        }
    }
}
