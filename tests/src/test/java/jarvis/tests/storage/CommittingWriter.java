package jarvis.tests.storage;

import jarvis.orchestrator.events.CorrelationId;
import jarvis.orchestrator.jobs.JobRecord;
import jarvis.orchestrator.jobs.JobRepository;
import jarvis.orchestrator.jobs.JobState;
import jarvis.orchestrator.storage.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** A child process that writes job rows as fast as it can and says after each commit which row it committed. */
public final class CommittingWriter {
    public static void main(String[] args) {
        Database database = Database.openFile(Path.of(args[0]));
        JobRepository jobs = new JobRepository(database);
        for (int i = 0; ; i++) {
            Instant now = Instant.now();
            jobs.insert(new JobRecord("row-" + i, "test", "row " + i, "x".repeat(500), JobState.RUNNING, 0.5, "writing",
                    1, CorrelationId.next(), Optional.empty(), now, now));
            System.out.println("COMMITTED " + i);
            System.out.flush();
        }
    }
}
