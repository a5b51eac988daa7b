package jarvis.tests.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jarvis.orchestrator.events.EventBus;
import jarvis.orchestrator.jobs.JobChanged;
import jarvis.orchestrator.jobs.JobEngine;
import jarvis.orchestrator.jobs.JobRecord;
import jarvis.orchestrator.jobs.JobRepository;
import jarvis.orchestrator.jobs.JobState;
import jarvis.orchestrator.jobs.RetryPolicy;
import jarvis.orchestrator.models.ProviderException;
import jarvis.orchestrator.models.ollama.LocalModel;
import jarvis.orchestrator.models.ollama.OllamaLibrary;
import jarvis.orchestrator.models.ollama.PullModelJob;
import jarvis.orchestrator.storage.Database;
import jarvis.orchestrator.storage.TestDatabases;
import jarvis.tests.simulators.OllamaSimulator;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model management against the Ollama simulator: the models and their capabilities, and pulling as a job. */
class OllamaModelsTest {

    @TempDir
    Path home;

    @Test
    void listsTheModelsWithTheirCapabilitiesThroughOllama4j() throws Exception {
        try (OllamaSimulator ollama = new OllamaSimulator().withModel("llama3.2:latest", "completion", "tools")
                .withModel("llava:latest", "completion", "vision")) {
            List<LocalModel> models = new OllamaLibrary(ollama::baseUrl).models();
            assertThat(models).extracting(LocalModel::name).containsExactly("llama3.2:latest", "llava:latest");
            assertThat(models.get(0).capabilities()).containsExactlyInAnyOrder("completion", "tools");
            assertThat(models.get(1).capabilities()).contains("vision");
            assertThat(models.get(0).family()).isEqualTo("llama");
        }
    }

    @Test
    void aServerThatIsDownIsSaidSo() {
        assertThatThrownBy(() -> new OllamaLibrary(() -> "http://127.0.0.1:9").models()).isInstanceOf(ProviderException.class)
                .hasMessageContaining("Cannot list the models").hasMessageContaining("Is it running?");
    }

    @Test
    void pullingIsAJobWithProgressAndAnUnknownNameFailsAtOnce() throws Exception {
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try (OllamaSimulator ollama = new OllamaSimulator().canPull("qwen3:8b"); Database database = TestDatabases.fresh(home)) {
            EventBus bus = new EventBus(Runnable::run);
            List<JobRecord> changes = new CopyOnWriteArrayList<>();
            bus.subscribe(JobChanged.class, change -> changes.add(change.job()));
            JobEngine jobs = new JobEngine(new JobRepository(database), bus, threads, () -> RetryPolicy.of(3, Duration.ofMillis(20)),
                    Clock.systemUTC(), List.of(new PullModelJob(HttpClient.newHttpClient(), ollama::baseUrl)));

            JobRecord pull = jobs.submit(PullModelJob.TYPE, "Pull qwen3:8b", "qwen3:8b");
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.find(pull.id()).orElseThrow().state() == JobState.SUCCEEDED);
            assertThat(changes).anySatisfy(c -> {
                assertThat(c.progress()).isEqualTo(0.5);
                assertThat(c.message()).contains("2 of 4 MB");
            });
            assertThat(jobs.find(pull.id()).orElseThrow().message()).isEqualTo("qwen3:8b is ready");
            assertThat(new OllamaLibrary(ollama::baseUrl).models()).extracting(LocalModel::name).contains("qwen3:8b");

            JobRecord missing = jobs.submit(PullModelJob.TYPE, "Pull nosuchmodel", "nosuchmodel");
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.find(missing.id()).orElseThrow().state() == JobState.FAILED);
            JobRecord failed = jobs.find(missing.id()).orElseThrow();
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.message()).contains("file does not exist").contains("ollama.com/library");
        } finally {
            threads.shutdownNow();
        }
    }
}
