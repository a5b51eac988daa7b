package jarvis.orchestrator.secrets;

import java.util.List;
import java.util.Optional;

/** The secrets Jarvis knows, each with the environment variable that overrides it, if any. */
public record SecretName(String name, String label, Optional<String> environmentVariable) {

    public static final SecretName OPENAI_API_KEY = new SecretName("openai.apiKey", "OpenAI-compatible API key", Optional.of("OPENAI_API_KEY"));
    public static final SecretName ANTHROPIC_API_KEY = new SecretName("anthropic.apiKey", "Anthropic API key", Optional.of("ANTHROPIC_API_KEY"));
    public static final SecretName HASS_TOKEN = new SecretName("homeassistant.token", "Home Assistant token", Optional.of("HASS_TOKEN"));
    public static final SecretName MQTT_PASSWORD = new SecretName("mqtt.password", "MQTT password", Optional.of("MQTT_PASSWORD"));
    public static final SecretName S3_ACCESS_KEY = new SecretName("s3.accessKey", "S3 access key", Optional.empty());
    public static final SecretName S3_SECRET_KEY = new SecretName("s3.secretKey", "S3 secret key", Optional.empty());

    public static List<SecretName> all() {
        return List.of(OPENAI_API_KEY, ANTHROPIC_API_KEY, HASS_TOKEN, MQTT_PASSWORD, S3_ACCESS_KEY, S3_SECRET_KEY);
    }

    public static Optional<SecretName> find(String name) {
        return all().stream().filter(secret -> secret.name.equals(name)).findFirst();
    }
}
