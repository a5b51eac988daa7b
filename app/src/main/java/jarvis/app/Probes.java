package jarvis.app;

import jarvis.orchestrator.health.CheckProbe;
import jarvis.devices.homeassistant.HomeAssistant;
import jarvis.devices.mqtt.MqttDevices;
import jarvis.orchestrator.health.HealthProbe;
import jarvis.orchestrator.health.HttpProbe;
import jarvis.orchestrator.health.NotReadyException;
import jarvis.orchestrator.secrets.Secret;
import jarvis.orchestrator.secrets.SecretName;
import jarvis.orchestrator.secrets.Secrets;
import jarvis.orchestrator.settings.Settings;
import jarvis.orchestrator.settings.SettingsSchema;
import jarvis.orchestrator.settings.SettingsService;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** The status bar's integrations: database, artifact store, Ollama, the cloud model, Home Assistant and MQTT, in that order. */
public final class Probes {

    public static final String DATABASE = "Database";
    public static final String ARTIFACTS = "Artifact store";
    public static final String OLLAMA = "Ollama";
    public static final String CLOUD = "Cloud model";
    public static final String HOME_ASSISTANT = HomeAssistant.NAME;
    public static final String MQTT = MqttDevices.NAME;

    private Probes() {}

    public static List<String> names() {
        return List.of(DATABASE, ARTIFACTS, OLLAMA, CLOUD, HOME_ASSISTANT, MQTT);
    }

    static List<HealthProbe> all(SettingsService settings, Secrets secrets, CompletableFuture<Core.Storage> storage,
                                 Supplier<HttpClient> http, Supplier<HomeAssistant> homeAssistant,
                                 Supplier<MqttDevices> mqtt) {
        return List.of(
                new CheckProbe(DATABASE, true, () -> {
                    Core.Storage opened = ready(storage);
                    try (Connection connection = opened.database().connection();
                         Statement statement = connection.createStatement()) {
                        statement.execute("SELECT 1");
                        return opened.database().describe();
                    } catch (SQLException e) {
                        throw new IllegalStateException("The database stopped answering: " + e.getMessage(), e);
                    }
                }),
                new CheckProbe(ARTIFACTS, true, () -> {
                    Core.Storage opened = ready(storage);
                    opened.artifacts().check();
                    return opened.artifacts().describe();
                }),
                new HttpProbe(OLLAMA, http, () -> new HttpProbe.Target(
                        URI.create(settings.get(SettingsSchema.OLLAMA_URL) + "/api/version"), Map.of(), null)),
                new HttpProbe(CLOUD, http, () -> cloudTarget(settings.current(), secrets)),
                new DeviceSourceProbe(HOME_ASSISTANT, homeAssistant),
                new DeviceSourceProbe(MQTT, mqtt));
    }

    private static Core.Storage ready(CompletableFuture<Core.Storage> storage) {
        if (!storage.isDone()) {
            throw new NotReadyException("Still opening…");
        }
        try {
            return storage.join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    static HttpProbe.Target cloudTarget(Settings settings, Secrets secrets) {
        if (settings.get(SettingsSchema.OFFLINE)) {
            return HttpProbe.Target.notConfigured("Offline mode is on: nothing leaves this machine.");
        }
        String provider = settings.get(SettingsSchema.CLOUD_PROVIDER);
        return switch (provider) {
            case "openai" -> withKey(secrets.get(SecretName.OPENAI_API_KEY), "OpenAI-compatible API key", key ->
                    new HttpProbe.Target(URI.create(settings.get(SettingsSchema.OPENAI_BASE_URL) + "/models"),
                            Map.of("Authorization", "Bearer " + key.reveal()), null));
            case "anthropic" -> withKey(secrets.get(SecretName.ANTHROPIC_API_KEY), "Anthropic API key", key ->
                    new HttpProbe.Target(URI.create(settings.get(SettingsSchema.ANTHROPIC_BASE_URL) + "/v1/models"),
                            Map.of("x-api-key", key.reveal(), "anthropic-version", "2023-06-01"), null));
            default -> HttpProbe.Target.notConfigured("No cloud provider chosen; every turn stays local (Settings → Cloud model).");
        };
    }

    private static HttpProbe.Target withKey(Optional<Secret> key, String label,
                                            java.util.function.Function<Secret, HttpProbe.Target> target) {
        return key.map(target).orElseGet(() -> HttpProbe.Target.notConfigured("No " + label + " yet: enter it in Settings → Secrets."));
    }
}
