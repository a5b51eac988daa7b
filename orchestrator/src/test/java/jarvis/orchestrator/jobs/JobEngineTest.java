package jarvis.orchestrator.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.orchestrator.events.EventBus;
import jarvis.orchestrator.storage.Database;
import jarvis.orchestrator.storage.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobEngineTest {

    @TempDir
    Path folder;

    private Database database;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final EventBus bus = new EventBus(Runnable::run);
    private final List<JobRecord> changes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        database = TestDatabases.fresh(folder);
        bus.subscribe(JobChanged.class, change -> changes.add(change.job()));
    }

    @AfterEach
    void close() {
        executor.shutdownNow();
        database.close();
    }

    private JobEngine engine(int attempts, JobHandler... handlers) {
        return new JobEngine(new JobRepository(database), bus, executor,
                () -> RetryPolicy.of(attempts, Duration.ofMillis(60)), Clock.systemUTC(), List.of(handlers));
    }

    private static JobHandler handler(String type, ThrowingJob body) {
        return new JobHandler() {
            @Override public String type() { return type; }
            @Override public void run(JobContext context) throws Exception { body.run(context); }
        };
    }

    interface ThrowingJob {
        void run(JobContext context) throws Exception;
    }

    private JobRecord awaitState(JobEngine engine, String id, JobState state) {
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.find(id).orElseThrow().state() == state);
        return engine.find(id).orElseThrow();
    }

    @Test
    void reportsProgressAndSucceeds() {
        JobEngine engine = engine(3, handler("work", context -> {
            context.progress(0.5, "half way");
            context.progress(0.9, "nearly");
        }));
        JobRecord job = engine.submit("work", "Do work", "{}");
        JobRecord done = awaitState(engine, job.id(), JobState.SUCCEEDED);
        assertThat(done.progress()).isEqualTo(1.0);
        assertThat(done.message()).as("the last report stands as the outcome").isEqualTo("nearly");
        assertThat(changes).anySatisfy(c -> {
            assertThat(c.progress()).isEqualTo(0.5);
            assertThat(c.message()).isEqualTo("half way");
        });
        assertThat(changes).extracting(JobRecord::correlationId).containsOnly(job.correlationId());
    }

    @Test
    void cancelStopsARunningJobAndKeepsItsProgress() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        JobEngine engine = engine(3, handler("long", context -> {
            context.progress(0.25, "a quarter");
            started.countDown();
            new CountDownLatch(1).await(); // long work, until the cancel interrupts it
        }));
        JobRecord job = engine.submit("long", "Long work", "");
        started.await();
        assertThat(engine.cancel(job.id())).isTrue();
        JobRecord cancelled = awaitState(engine, job.id(), JobState.CANCELLED);
        assertThat(cancelled.progress()).isEqualTo(0.25);
        assertThat(cancelled.attempts()).isEqualTo(1);
    }

    @Test
    void retriesWithGrowingDelaysUntilItSucceeds() {
        List<Long> tries = new CopyOnWriteArrayList<>();
        JobEngine engine = engine(4, handler("flaky", context -> {
            tries.add(System.nanoTime());
            if (tries.size() < 3) {
                throw new java.io.IOException("server busy");
            }
        }));
        JobRecord job = engine.submit("flaky", "Flaky", "");
        JobRecord done = awaitState(engine, job.id(), JobState.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(3);
        long firstGap = tries.get(1) - tries.get(0);
        long secondGap = tries.get(2) - tries.get(1);
        assertThat(Duration.ofNanos(firstGap)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
        assertThat(secondGap).isGreaterThan(firstGap);
        assertThat(changes).anySatisfy(c -> {
            assertThat(c.state()).isEqualTo(JobState.RETRY_WAIT);
            assertThat(c.message()).contains("server busy").contains("trying again in");
        });
    }

    @Test
    void givesUpAfterTheLastTryAndSaysWhy() {
        AtomicInteger tries = new AtomicInteger();
        JobEngine engine = engine(2, handler("broken", context -> {
            tries.incrementAndGet();
            throw new IllegalStateException("printer offline");
        }));
        JobRecord failed = awaitState(engine, engine.submit("broken", "Broken", "").id(), JobState.FAILED);
        assertThat(tries).hasValue(2);
        assertThat(failed.message()).isEqualTo("printer offline");
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        AtomicInteger tries = new AtomicInteger();
        JobEngine engine = engine(5, handler("bad-input", context -> {
            tries.incrementAndGet();
            throw new PermanentJobFailure("the file is not an STL");
        }));
        JobRecord failed = awaitState(engine, engine.submit("bad-input", "Bad", "").id(), JobState.FAILED);
        assertThat(tries).hasValue(1);
        assertThat(failed.message()).isEqualTo("the file is not an STL");
    }

    @Test
    void jobsUnderWayAtAStopAreInterruptedOnRestartAndCanBeRetried() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        JobEngine before = engine(1, handler("upload", context -> {
            started.countDown();
            new CountDownLatch(1).await(); // still under way when the app "stops"
        }));
        JobRecord job = before.submit("upload", "Upload bracket.gcode", "{\"file\":\"bracket.gcode\"}");
        started.await();

        List<String> ran = new ArrayList<>();
        JobEngine after = engine(1, handler("upload", context -> ran.add(context.payload())));
        assertThat(after.recoverAfterRestart()).isEqualTo(1);
        JobRecord interrupted = after.find(job.id()).orElseThrow();
        assertThat(interrupted.state()).isEqualTo(JobState.INTERRUPTED);
        assertThat(interrupted.message()).contains("retry");

        JobRecord retried = after.retry(job.id());
        JobRecord done = awaitState(after, retried.id(), JobState.SUCCEEDED);
        assertThat(done.retryOf()).contains(job.id());
        assertThat(ran).containsExactly("{\"file\":\"bracket.gcode\"}");
        before.cancel(job.id());
    }
}
