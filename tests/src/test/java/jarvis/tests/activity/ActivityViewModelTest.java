package jarvis.tests.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.orchestrator.events.EventBus;
import jarvis.orchestrator.events.Notice;
import jarvis.orchestrator.jobs.JobContext;
import jarvis.orchestrator.jobs.JobEngine;
import jarvis.orchestrator.jobs.JobHandler;
import jarvis.orchestrator.jobs.JobRecord;
import jarvis.orchestrator.jobs.JobRepository;
import jarvis.orchestrator.jobs.JobState;
import jarvis.orchestrator.jobs.RetryPolicy;
import jarvis.orchestrator.storage.Database;
import jarvis.orchestrator.storage.TestDatabases;
import jarvis.ui.activity.ActivityViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Activity's view model with a real job engine and database and no toolkit: a single thread stands in for the
 * FX thread, and every look at the lists goes through it.
 */
class ActivityViewModelTest {

    @TempDir
    Path folder;

    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final ExecutorService uiThread = Executors.newSingleThreadExecutor();
    private final AtomicInteger uiHandOvers = new AtomicInteger();
    private final EventBus bus = new EventBus(background);
    private final CountDownLatch release = new CountDownLatch(1);
    private Database database;
    private JobEngine engine;
    private ActivityViewModel model;

    @BeforeEach
    void open() {
        database = TestDatabases.fresh(folder);
        JobHandler slow = new JobHandler() {
            @Override public String type() { return "slow"; }
            @Override public void run(JobContext context) throws Exception {
                context.progress(0.3, "waiting for release");
                release.await();
            }
        };
        engine = new JobEngine(new JobRepository(database), bus, background, () -> RetryPolicy.of(1, Duration.ofMillis(10)),
                Clock.systemUTC(), List.of(slow));
        model = new ActivityViewModel(CompletableFuture.completedFuture(engine), background, work -> {
            uiHandOvers.incrementAndGet();
            uiThread.execute(work);
        });
        model.attach(bus, List.of());
    }

    @AfterEach
    void close() {
        release.countDown();
        model.detach();
        background.shutdownNow();
        uiThread.shutdownNow();
        database.close();
    }

    private <T> T onUi(java.util.concurrent.Callable<T> look) throws Exception {
        Future<T> result = uiThread.submit(look);
        return result.get();
    }

    @Test
    void eventsShowNewestFirstAndFilterByTextTopicAndCorrelationId() throws Exception {
        Notice first = Notice.info("drop", "Jarvis cannot open .xyz files yet");
        Notice second = Notice.warning("health", "Ollama: unreachable");
        bus.publish(first);
        bus.publish(second);
        await().until(() -> onUi(() -> model.events().size()) == 2);
        assertThat(onUi(() -> List.copyOf(model.events()))).containsExactly(second, first);
        assertThat(onUi(() -> List.copyOf(model.topics()))).contains("all", "drop", "health");

        onUi(() -> { model.filter().set(first.correlationId().value()); return null; });
        assertThat(onUi(() -> List.copyOf(model.events()))).containsExactly(first);
        onUi(() -> { model.filter().set(""); model.topic().set("health"); return null; });
        assertThat(onUi(() -> List.copyOf(model.events()))).containsExactly(second);
    }

    @Test
    void aJobShowsItsProgressCanBeCancelledAndRetried() throws Exception {
        model.start("slow", "Slow work");
        await().until(() -> onUi(() -> model.jobs().stream().anyMatch(j -> j.progress() == 0.3 && j.state() == JobState.RUNNING)));
        JobRecord running = onUi(() -> model.jobs().getFirst());
        assertThat(running.message()).isEqualTo("waiting for release");

        model.cancel(running);
        await().until(() -> onUi(() -> model.jobs().getFirst().state()) == JobState.CANCELLED);

        model.retry(onUi(() -> model.jobs().getFirst()));
        await().until(() -> onUi(() -> model.jobs().getFirst().retryOf().isPresent()));
        assertThat(onUi(() -> model.jobs().size())).as("the retry takes its job's row").isEqualTo(1);
        JobRecord retried = onUi(() -> model.jobs().getFirst());
        assertThat(retried.retryOf()).contains(running.id());
        await().until(() -> onUi(() -> model.jobs().getFirst().attempts()) == 1);
        assertThat(onUi(() -> model.tries(model.jobs().getFirst()))).as("the row counts the tries of both").isEqualTo(2);
        release.countDown();
        await().until(() -> onUi(() -> model.jobs().getFirst().state()) == JobState.SUCCEEDED);
    }

    @Test
    void retryingAJobThatIsStillRunningIsExplained() throws Exception {
        model.start("slow", "Slow work");
        await().until(() -> onUi(() -> !model.jobs().isEmpty() && model.jobs().getFirst().state() == JobState.RUNNING));
        model.retry(onUi(() -> model.jobs().getFirst()));
        await().until(() -> onUi(() -> model.message().get()).contains("only failed, cancelled or interrupted jobs can be retried"));
    }

    @Test
    void aBurstOfEventsReachesTheUiInFarFewerHandOvers() throws Exception {
        for (int i = 0; i < 5_000; i++) {
            bus.publish(Notice.info("burst", "event " + i));
        }
        await().until(() -> onUi(() -> model.events().size()) == 1000);
        assertThat(onUi(() -> model.events().getFirst().summary())).isEqualTo("event 4999");
        assertThat(uiHandOvers.get()).as("far fewer: at most one hand-over for ten events").isLessThanOrEqualTo(500);
    }
}
