package jarvis.ui.chat;

import jarvis.orchestrator.secrets.Secret;
import jarvis.orchestrator.secrets.SecretName;
import jarvis.orchestrator.secrets.Secrets;
import jarvis.orchestrator.settings.Settings;
import jarvis.orchestrator.settings.SettingsSchema;
import jarvis.orchestrator.settings.SettingsService;
import jarvis.ui.settings.ModelsViewModel;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What a newcomer needs before the first answer: Ollama answering at its address, with the default model pulled; and,
 * if they like, a cloud model with its key. {@link #needed()} holds until a local model can answer.
 */
public final class FirstRunViewModel {

    /** The cloud providers a key can be given for here. */
    public enum CloudChoice {
        OPENAI("OpenAI-compatible", "openai", SecretName.OPENAI_API_KEY),
        ANTHROPIC("Anthropic", "anthropic", SecretName.ANTHROPIC_API_KEY);

        final String label;
        final String provider;
        final SecretName secret;

        CloudChoice(String label, String provider, SecretName secret) {
            this.label = label;
            this.provider = provider;
            this.secret = secret;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final ModelsViewModel models;
    private final SettingsService settings;
    private final Secrets secrets;
    private final Executor background;
    private final Executor ui;
    private final BooleanBinding needed;
    private final ReadOnlyStringWrapper cloudStatus = new ReadOnlyStringWrapper("");

    public FirstRunViewModel(ModelsViewModel models, SettingsService settings, Secrets secrets, Executor background, Executor ui) {
        this.models = models;
        this.settings = settings;
        this.secrets = secrets;
        this.background = background;
        this.ui = ui;
        // Unknown until Ollama has been asked once: nothing is shown before that, so a working setup never sees the panel.
        // Each listing also reads the default model again, which may have changed in Settings meanwhile.
        this.needed = Bindings.createBooleanBinding(() -> models.reachable().get() != null
                && (!models.reachable().get() || !models.has(defaultModel())), models.reachable(), models.models(), models.listings());
    }

    public ModelsViewModel models() {
        return models;
    }

    /** Whether the panel is needed: Ollama does not answer, or lacks the default model. */
    public BooleanBinding needed() {
        return needed;
    }

    public String address() {
        return settings.get(SettingsSchema.OLLAMA_URL);
    }

    public String defaultModel() {
        return settings.get(SettingsSchema.OLLAMA_MODEL);
    }

    /** Asks Ollama again. */
    public void check() {
        models.refreshModels();
    }

    /** Pulls the default model, as a job with progress. */
    public void pullDefault() {
        models.pullName().set(defaultModel());
        models.pull();
    }

    /** Stores the key as a secret and chooses that provider, with a priced model unless one is chosen already. */
    public void saveCloudKey(CloudChoice choice, String key) {
        if (key == null || key.isBlank()) {
            cloudStatus.set("Paste the API key first.");
            return;
        }
        background.execute(() -> {
            try {
                secrets.put(choice.secret, new Secret(key.strip()));
                settings.set(SettingsSchema.CLOUD_PROVIDER.name(), choice.provider);
                if (settings.current().source(SettingsSchema.CLOUD_MODEL) != Settings.Source.FILE
                        || settings.get(SettingsSchema.CLOUD_MODEL).isBlank()) {
                    settings.set(SettingsSchema.CLOUD_MODEL.name(), SettingsSchema.pricedCloudModel(choice.provider));
                }
                String model = settings.get(SettingsSchema.CLOUD_MODEL);
                ui.execute(() -> cloudStatus.set("Saved. " + model + " answers when the local model's answer is not good enough."));
            } catch (Exception e) {
                ui.execute(() -> cloudStatus.set("Not saved: " + e.getMessage()));
            }
        });
    }

    public ReadOnlyStringProperty cloudStatus() {
        return cloudStatus.getReadOnlyProperty();
    }
}
