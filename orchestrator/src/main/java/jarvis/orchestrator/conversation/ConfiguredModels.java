package jarvis.orchestrator.conversation;

import jarvis.orchestrator.models.ConnectTimeoutClient;
import jarvis.orchestrator.models.ModelProvider;
import jarvis.orchestrator.models.anthropic.AnthropicProvider;
import jarvis.orchestrator.models.ollama.OllamaProvider;
import jarvis.orchestrator.models.openai.OpenAiProvider;
import jarvis.orchestrator.secrets.Secret;
import jarvis.orchestrator.secrets.SecretName;
import jarvis.orchestrator.secrets.Secrets;
import jarvis.orchestrator.settings.Settings;
import jarvis.orchestrator.settings.SettingsSchema;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The models the settings name: Ollama at {@code ollama.url}, and the cloud provider {@code cloud.provider} with
 * its key from the secrets. Addresses and keys are read at each request, so a change counts without a restart.
 * One HTTP client for the local model and one for the cloud.
 */
public final class ConfiguredModels implements Models {

    private final Supplier<Settings> settings;
    private final Secrets secrets;
    private final ModelProvider local;
    private final ModelProvider openai;
    private final ModelProvider anthropic;

    public ConfiguredModels(Supplier<Settings> settings, Secrets secrets, Executor readers) {
        this.settings = settings;
        this.secrets = secrets;
        Supplier<Duration> connectTimeout = () -> Duration.ofSeconds(settings.get().get(SettingsSchema.CONNECT_TIMEOUT));
        ConnectTimeoutClient localHttp = new ConnectTimeoutClient(connectTimeout);
        ConnectTimeoutClient cloudHttp = new ConnectTimeoutClient(connectTimeout);
        this.local = new OllamaProvider(localHttp, readers, () -> settings.get().get(SettingsSchema.OLLAMA_URL));
        this.openai = new OpenAiProvider(cloudHttp, readers, () -> settings.get().get(SettingsSchema.OPENAI_BASE_URL),
                () -> secrets.get(SecretName.OPENAI_API_KEY).map(Secret::reveal));
        this.anthropic = new AnthropicProvider(cloudHttp, readers, () -> settings.get().get(SettingsSchema.ANTHROPIC_BASE_URL),
                () -> secrets.get(SecretName.ANTHROPIC_API_KEY).map(Secret::reveal));
    }

    @Override
    public ModelProvider local() {
        return local;
    }

    @Override
    public String localModel() {
        return settings.get().get(SettingsSchema.OLLAMA_MODEL);
    }

    @Override
    public String cloudProviderName() {
        return settings.get().get(SettingsSchema.CLOUD_PROVIDER);
    }

    @Override
    public String cloudModel() {
        return settings.get().get(SettingsSchema.CLOUD_MODEL);
    }

    @Override
    public boolean cloudKeyPresent() {
        return switch (cloudProviderName()) {
            case "openai" -> secrets.isSet(SecretName.OPENAI_API_KEY);
            case "anthropic" -> secrets.isSet(SecretName.ANTHROPIC_API_KEY);
            default -> false;
        };
    }

    @Override
    public Optional<ModelProvider> cloud() {
        return switch (cloudProviderName()) {
            case "openai" -> Optional.of(openai);
            case "anthropic" -> Optional.of(anthropic);
            default -> Optional.empty();
        };
    }
}
