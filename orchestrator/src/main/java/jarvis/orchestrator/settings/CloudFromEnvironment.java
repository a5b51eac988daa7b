package jarvis.orchestrator.settings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cloud provider the environment implies: when exactly one of {@code OPENAI_API_KEY} and {@code ANTHROPIC_API_KEY}
 * is set and no provider is chosen (in the environment or the settings file), that provider is used, with a model that
 * has a price by default (so the budget holds) unless a model is chosen. A person who sets a key for the cloud expects
 * it to be used; choosing a provider in Settings, "none" included, overrides this. {@code provider} is null when the
 * environment implies nothing.
 */
record CloudFromEnvironment(String provider, String because) {

    static final CloudFromEnvironment NONE = new CloudFromEnvironment(null, "");

    static CloudFromEnvironment of(Map<String, String> environment) {
        boolean openai = present(environment, "OPENAI_API_KEY");
        boolean anthropic = present(environment, "ANTHROPIC_API_KEY");
        if (openai == anthropic) {
            return NONE;
        }
        return new CloudFromEnvironment(openai ? "openai" : "anthropic",
                (openai ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY") + " is set and no cloud provider was chosen");
    }

    /** What it implies given what the file and the environment choose: nothing once a provider is chosen. */
    Map<String, Object> values(Map<String, Object> fileValues, Map<String, Object> environmentValues) {
        String providerKey = SettingsSchema.CLOUD_PROVIDER.name();
        if (provider == null || fileValues.containsKey(providerKey) || environmentValues.containsKey(providerKey)) {
            return Map.of();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(providerKey, provider);
        String modelKey = SettingsSchema.CLOUD_MODEL.name();
        if (!fileValues.containsKey(modelKey) && !environmentValues.containsKey(modelKey)) {
            values.put(modelKey, SettingsSchema.pricedCloudModel(provider));
        }
        return values;
    }

    private static boolean present(Map<String, String> environment, String variable) {
        String value = environment.get(variable);
        return value != null && !value.isBlank();
    }
}
