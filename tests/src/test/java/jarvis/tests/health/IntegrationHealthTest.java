package jarvis.tests.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jarvis.app.Core;
import jarvis.app.Probes;
import jarvis.orchestrator.health.Health;
import jarvis.orchestrator.health.HealthChanged;
import jarvis.orchestrator.home.DataFolder;
import jarvis.orchestrator.secrets.Secret;
import jarvis.orchestrator.secrets.SecretName;
import jarvis.tests.simulators.AnthropicSimulator;
import jarvis.tests.simulators.OpenAiSimulator;
import jarvis.tests.simulators.OllamaSimulator;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status bar's checks against the protocol simulators: configured or not, reachable or not, refreshed on change. */
class IntegrationHealthTest {

    @TempDir
    Path home;

    private Core core;

    @AfterEach
    void close() {
        if (core != null) {
            core.close();
        }
    }

    private Health check(String integration) {
        return core.health().checkNow().stream().filter(h -> h.integration().equals(integration)).findFirst().orElseThrow();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void ollamaIsReachableWhenItAnswersAndUnreachableWhenNothingListens() throws Exception {
        try (OllamaSimulator ollama = new OllamaSimulator()) {
            core = new Core(new DataFolder(home), Map.of("OLLAMA_HOST", ollama.baseUrl()));
            core.openStorage();
            assertThat(check(Probes.OLLAMA).status()).isEqualTo(Health.Status.REACHABLE);
            assertThat(check(Probes.DATABASE).status()).isEqualTo(Health.Status.REACHABLE);
            assertThat(check(Probes.ARTIFACTS).status()).isEqualTo(Health.Status.REACHABLE);
        }
        core.close();
        core = new Core(new DataFolder(home), Map.of("OLLAMA_HOST", "127.0.0.1:" + closedPort()));
        Health down = check(Probes.OLLAMA);
        assertThat(down.status()).isEqualTo(Health.Status.UNREACHABLE);
        assertThat(down.detail()).contains("Nothing answers").contains("is it running?");
    }

    @Test
    void theDatabaseSaysItIsStillOpeningUntilItIs() {
        core = new Core(new DataFolder(home), Map.of());
        Health opening = check(Probes.DATABASE);
        assertThat(opening.status()).isEqualTo(Health.Status.CHECKING);
        assertThat(opening.detail()).contains("Still opening");
        core.openStorage();
        assertThat(check(Probes.DATABASE).status()).isEqualTo(Health.Status.REACHABLE);
    }

    @Test
    void theCloudModelIsNotConfiguredUntilAProviderAndKeyAreGivenAndAWrongKeyIsSaidSo() throws Exception {
        try (OpenAiSimulator openai = new OpenAiSimulator("sk-good"); AnthropicSimulator anthropic = new AnthropicSimulator("sk-good")) {
            core = new Core(new DataFolder(home), Map.of());
            assertThat(check(Probes.CLOUD).status()).isEqualTo(Health.Status.NOT_CONFIGURED);

            core.settings().set("cloud.provider", "openai");
            core.settings().set("cloud.openai.baseUrl", openai.baseUrlV1());
            assertThat(check(Probes.CLOUD).detail()).contains("No OpenAI-compatible API key");

            core.secrets().put(SecretName.OPENAI_API_KEY, new Secret("sk-wrong"));
            Health refused = check(Probes.CLOUD);
            assertThat(refused.status()).isEqualTo(Health.Status.UNREACHABLE);
            assertThat(refused.detail()).contains("401").contains("key was refused");

            core.secrets().put(SecretName.OPENAI_API_KEY, new Secret("sk-good"));
            assertThat(check(Probes.CLOUD).status()).isEqualTo(Health.Status.REACHABLE);

            core.settings().set("cloud.provider", "anthropic");
            core.settings().set("cloud.anthropic.baseUrl", anthropic.baseUrl());
            core.secrets().put(SecretName.ANTHROPIC_API_KEY, new Secret("sk-good"));
            assertThat(check(Probes.CLOUD).status()).isEqualTo(Health.Status.REACHABLE);

            core.settings().set("network.offline", "true");
            assertThat(check(Probes.CLOUD).detail()).contains("Offline mode");
        }
    }

    @Test
    void aChangedSettingIsCheckedAgainAtOnceAndAnnounced() throws Exception {
        try (OllamaSimulator ollama = new OllamaSimulator()) {
            core = new Core(new DataFolder(home), Map.of());
            List<Health> announced = new CopyOnWriteArrayList<>();
            core.bus().subscribe(HealthChanged.class, change -> announced.add(change.health()));
            core.settings().set("ollama.url", ollama.baseUrl());
            await().atMost(Duration.ofSeconds(10)).until(() -> announced.stream()
                    .anyMatch(h -> h.integration().equals(Probes.OLLAMA) && h.status() == Health.Status.REACHABLE));
        }
    }
}
