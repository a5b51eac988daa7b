package jarvis.orchestrator.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The secrets Jarvis knows, each with the environment variable that overrides it, if any. */
public record SecretName(String name, String label, Optional<String> environmentVariable) {

    public static final SecretName OPENAI_API_KEY = new SecretName("openai.apiKey", "OpenAI-compatible API key", Optional.of("OPENAI_API_KEY"));
    public static final SecretName ANTHROPIC_API_KEY = new SecretName("anthropic.apiKey", "Anthropic API key", Optional.of("ANTHROPIC_API_KEY"));
    public static final SecretName HASS_TOKEN = new SecretName("homeassistant.token", "Home Assistant token", Optional.of("HASS_TOKEN"));
    public static final SecretName MQTT_PASSWORD = new SecretName("mqtt.password", "MQTT password", Optional.of("MQTT_PASSWORD"));
    public static final SecretName ZOO_API_TOKEN = new SecretName("zoo.apiToken", "Zoo API token (text to CAD)", Optional.of("ZOO_API_TOKEN"));
    public static final SecretName S3_ACCESS_KEY = new SecretName("s3.accessKey", "S3 access key", Optional.empty());
    public static final SecretName S3_SECRET_KEY = new SecretName("s3.secretKey", "S3 secret key", Optional.empty());

    public static List<SecretName> all() {
        return List.of(OPENAI_API_KEY, ANTHROPIC_API_KEY, HASS_TOKEN, MQTT_PASSWORD, ZOO_API_TOKEN, S3_ACCESS_KEY, S3_SECRET_KEY);
    }

    /**
     * The secret of one thing a person added and named (a printer's key, a camera's password):
     * {@code <kind>.<the name's letters>-<hash of the name>.<what>}, readable in the store, and never shared by two
     * names that fold alike ("Prusa A" and "Prusa.A", or two names in another script).
     */
    public static SecretName of(String kind, String name, String what, String label) {
        String folded = name.strip().toLowerCase(Locale.ROOT);
        String readable = folded.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(folded.getBytes(StandardCharsets.UTF_8));
            return new SecretName(kind + "." + (readable.isEmpty() ? "" : readable + "-") + HexFormat.of().formatHex(hash, 0, 4) + "." + what,
                    label, Optional.empty());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    public static Optional<SecretName> find(String name) {
        return all().stream().filter(secret -> secret.name.equals(name)).findFirst();
    }
}
