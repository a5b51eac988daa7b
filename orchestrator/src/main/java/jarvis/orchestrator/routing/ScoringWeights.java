package jarvis.orchestrator.routing;

import jarvis.orchestrator.settings.Settings;
import jarvis.orchestrator.settings.SettingsSchema;

/** The confidence score's knobs, all settings: how the probabilities combine, and each signal's factor. */
public record ScoringWeights(double meanWeight, double priorWithoutLogprobs, double hedging, double refusal,
                             double truncated, double invalidToolCall, double freshInformation) {

    public static ScoringWeights from(Settings settings) {
        return new ScoringWeights(settings.get(SettingsSchema.WEIGHT_MEAN_LOGPROB), settings.get(SettingsSchema.PRIOR_WITHOUT_LOGPROBS),
                settings.get(SettingsSchema.FACTOR_HEDGING), settings.get(SettingsSchema.FACTOR_REFUSAL),
                settings.get(SettingsSchema.FACTOR_LENGTH), settings.get(SettingsSchema.FACTOR_INVALID_TOOL),
                settings.get(SettingsSchema.FACTOR_FRESH));
    }

    public static ScoringWeights defaults() {
        return from(Settings.defaults());
    }
}
