package jarvis.orchestrator.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every setting Jarvis knows, with its default. Later capabilities add their keys here. */
public final class SettingsSchema {

    public static final SettingKey<String> OLLAMA_URL = key("ollama.url", "Local model", "Ollama address",
            "Where the local Ollama server listens.", new SettingType.Url(false), "http://127.0.0.1:11434", "OLLAMA_HOST");
    public static final SettingKey<String> OLLAMA_MODEL = key("ollama.model", "Local model", "Default local model",
            "The Ollama model that answers first.", new SettingType.Text(false), "llama3.2", null);

    public static final SettingKey<Integer> OLLAMA_CONTEXT = key("ollama.contextTokens", "Local model", "Context size (tokens)",
            "The context window asked of Ollama (num_ctx); Ollama's own default is small.", new SettingType.Whole(512, 1_048_576), 8192, null);

    public static final SettingKey<String> CLOUD_PROVIDER = key("cloud.provider", "Cloud model", "Cloud provider",
            "Which cloud API Jarvis may escalate to; none keeps every turn on this machine.",
            new SettingType.Choice(List.of("none", "openai", "anthropic")), "none", null);
    public static final SettingKey<String> CLOUD_MODEL = key("cloud.model", "Cloud model", "Cloud model",
            "The model name the cloud provider answers with.", new SettingType.Text(true), "", null);
    public static final SettingKey<String> OPENAI_BASE_URL = key("cloud.openai.baseUrl", "Cloud model",
            "OpenAI-compatible address", "Base address of an OpenAI-compatible API (OpenAI, OpenRouter, LM Studio, vLLM).",
            new SettingType.Url(false), "https://api.openai.com/v1", "OPENAI_BASE_URL");
    public static final SettingKey<String> ANTHROPIC_BASE_URL = key("cloud.anthropic.baseUrl", "Cloud model",
            "Anthropic address", "Base address of the Anthropic API.",
            new SettingType.Url(false), "https://api.anthropic.com", "ANTHROPIC_BASE_URL");
    public static final SettingKey<Boolean> OFFLINE = key("network.offline", "Cloud model", "Offline mode",
            "When on, nothing leaves this machine.", new SettingType.Flag(), false, null);

    public static final SettingKey<Double> BUDGET_DAILY = key("cloud.budget.daily", "Cloud model", "Daily budget (USD)",
            "Cloud spend allowed per day; a turn that would pass it stays local.", new SettingType.Decimal(0, 100_000), 1.0, null);
    public static final SettingKey<Double> BUDGET_MONTHLY = key("cloud.budget.monthly", "Cloud model", "Monthly budget (USD)",
            "Cloud spend allowed per calendar month.", new SettingType.Decimal(0, 1_000_000), 20.0, null);
    public static final SettingKey<String> PRICES = key("cloud.prices", "Cloud model", "Prices (USD per million tokens)",
            "model=input/output pairs, separated by ';'. A cloud model without a price is not used, so the budget holds.",
            new SettingType.Prices(), "gpt-4.1-mini=0.40/1.60; gpt-4.1=2.00/8.00; claude-sonnet-4-5=3.00/15.00; claude-haiku-4-5=1.00/5.00", null);

    public static final SettingKey<Double> ROUTER_THRESHOLD = key("router.threshold", "Routing", "Confidence threshold",
            "A local answer scoring below this goes to the cloud model, when that is allowed.", new SettingType.Decimal(0, 1), 0.7, null);
    public static final SettingKey<Integer> ROUTER_FIRST_TOKEN = key("router.firstTokenTimeoutSeconds", "Routing",
            "Local first-token timeout (s)", "A local model that has not begun answering by then counts as too slow.",
            new SettingType.Whole(1, 600), 10, null);
    public static final SettingKey<Integer> CLOUD_FIRST_TOKEN = key("cloud.firstTokenTimeoutSeconds", "Cloud model",
            "Cloud first-token timeout (s)", "A cloud model that has not begun answering by then fails the turn, with a message saying so. Reasoning models "
                    + "can think for a minute or more before their first token.",
            new SettingType.Whole(1, 600), 120, null);
    public static final SettingKey<Integer> CONNECT_TIMEOUT = key("models.connectTimeoutSeconds", "Routing",
            "Connect timeout (s)", "How long to wait for a model server to accept the connection.",
            new SettingType.Whole(1, 120), 5, null);
    public static final SettingKey<Integer> IDLE_TIMEOUT = key("models.idleTimeoutSeconds", "Routing",
            "Idle timeout (s)", "A reply that has begun but sends nothing for this long is stopped; what arrived is kept.",
            new SettingType.Whole(1, 3600), 60, null);

    public static final SettingKey<String> HASS_URL = key("homeassistant.url", "Home Assistant", "Home Assistant address",
            "Where Home Assistant listens; empty when there is none.", new SettingType.Url(true), "", "HASS_SERVER");

    public static final SettingKey<String> MQTT_URL = key("mqtt.url", "MQTT", "MQTT broker",
            "The broker whose devices announce themselves (Zigbee2MQTT, Tasmota, ESPHome): tcp://host:1883 or ssl://host:8883; empty when there is none.",
            new SettingType.Url(true, List.of("tcp", "ssl", "mqtt", "mqtts"), "an MQTT", "tcp://host:1883"), "", "MQTT_URL");
    public static final SettingKey<String> MQTT_USERNAME = key("mqtt.username", "MQTT", "MQTT user name",
            "The user name the broker asks for, with the mqtt.password secret; empty for none.", new SettingType.Text(true), "", null);
    public static final SettingKey<String> MQTT_CA_FILE = key("mqtt.caFile", "MQTT", "MQTT CA certificate",
            "A PEM file with the certificate of the private CA that signed an ssl:// broker's certificate; empty to trust the usual ones.",
            new SettingType.Text(true), "", null);
    public static final SettingKey<String> MQTT_PREFIX = key("mqtt.discoveryPrefix", "MQTT", "Discovery prefix",
            "The topic under which devices announce themselves; Home Assistant's default is homeassistant.",
            new SettingType.Text(false), "homeassistant", null);

    public static final SettingKey<String> HOME_FAVOURITES = key("home.favourites", "Home", "Favourite devices",
            "Entity ids pinned on top of the Home area, separated by commas; the star on each device sets them.",
            new SettingType.Text(true), "", null);

    public static final SettingKey<String> WATCH_MODEL = key("watch.model", "Failure watch", "Vision model",
            "The Ollama model that looks at a running print's camera; empty picks the first local model that can see images.",
            new SettingType.Text(true), "", null);
    public static final SettingKey<Integer> WATCH_INTERVAL = key("watch.intervalSeconds", "Failure watch", "Look every (s)",
            "How often a running print's camera is shown to the vision model.", new SettingType.Whole(5, 3600), 30, null);
    public static final SettingKey<Boolean> WATCH_AUTO_PAUSE = key("watch.autoPause", "Failure watch", "Pause a failing print",
            "When on, a print the vision model judges failing, sure enough, is paused; when off, a person is only told.",
            new SettingType.Flag(), false, null);
    public static final SettingKey<Double> WATCH_PAUSE_CONFIDENCE = key("watch.pauseConfidence", "Failure watch", "Pause when at least this sure",
            "The vision model's confidence a failure needs before the print is paused (with the setting above on).",
            new SettingType.Decimal(0.5, 1), 0.95, null);

    public static final SettingKey<String> CAD_SLICER = key("cad.slicer", "CAD", "Slicer",
            "The slicer that turns parts into G-code for the printers: prusaslicer or orcaslicer. Each printer has its profile in the data "
            + "folder's slicer folder (NAME.ini for PrusaSlicer, NAME.orca with three JSON presets for OrcaSlicer).",
            new SettingType.Choice(List.of("prusaslicer", "orcaslicer")), "prusaslicer", null);
    public static final SettingKey<String> CAD_ORCA_SLICER = key("cad.orcaSlicer", "CAD", "OrcaSlicer",
            "Where OrcaSlicer's program is; empty looks in the usual places (the Applications folder, /usr/bin) and on the PATH. On Linux "
            + "it usually comes as an AppImage: give its path (a Flatpak needs a small script that runs 'flatpak run' with the arguments).",
            new SettingType.Text(true), "", null);
    public static final SettingKey<String> CAD_PRUSA_SLICER = key("cad.prusaSlicer", "CAD", "PrusaSlicer",
            "Where PrusaSlicer's program is; empty looks in the usual places (the Applications folder, /usr/bin) and on the PATH.",
            new SettingType.Text(true), "", null);
    public static final SettingKey<String> CAD_STEP_CONVERTER = key("cad.stepConverter", "CAD", "STEP converter",
            "The command that turns a STEP file into an STL: {in} is the STEP file, {out} the STL, {prusa} PrusaSlicer.",
            new SettingType.Text(false), "{prusa} --export-stl --output {out} {in}", null);
    public static final SettingKey<String> CAD_MODEL = key("cad.model", "CAD", "Model for parts",
            "The local model that writes OpenSCAD programs for parts described in words; empty uses the default local model.",
            new SettingType.Text(true), "", null);
    public static final SettingKey<String> CAD_OPENSCAD = key("cad.openscad", "CAD", "OpenSCAD",
            "Where OpenSCAD's program is; empty looks in the usual places and on the PATH.", new SettingType.Text(true), "", null);
    public static final SettingKey<String> CAD_ZOO_URL = key("cad.zoo.url", "CAD", "Zoo address",
            "Base address of Zoo's text-to-CAD API, asked when the local model cannot make a part (with a Zoo API token set, not offline, "
            + "not in a private conversation, within the budget).", new SettingType.Url(false), "https://api.zoo.dev", null);
    public static final SettingKey<Double> CAD_ZOO_PRICE = key("cad.zoo.pricePerPart", "CAD", "Zoo price per part (USD)",
            "What one part from Zoo is counted as against the cloud budget; Zoo bills by the time its models work (zoo.dev/pricing).",
            new SettingType.Decimal(0, 100), 0.5, null);
    public static final SettingKey<Integer> CAD_COMMAND_SECONDS = key("cad.commandSeconds", "CAD", "Tool time limit (s)",
            "How long a converter, OpenSCAD or a slicer may run before it is stopped.", new SettingType.Whole(5, 3600), 300, null);

    public static final SettingKey<String> STUDIO_CONVERTER = key("studio.converter", "Studio", "M4A converter",
            "The program that turns M4A files into WAV for import: afconvert or ffmpeg; empty uses afconvert on macOS, else ffmpeg where it is "
            + "installed.", new SettingType.Text(true), "", null);
    public static final SettingKey<String> STUDIO_MODEL = key("studio.model", "Studio", "Model for parts",
            "The local model that writes drum and melodic parts from words; empty uses the default local model.", new SettingType.Text(true), "",
            null);
    public static final SettingKey<String> STUDIO_SOUNDFONT = key("studio.soundfont", "Studio", "Soundfont",
            "A General MIDI soundfont (.sf2 or .dls) that plays the parts; empty uses Debian's TimGM6mb where it is installed, else the JDK's "
            + "built-in sounds.", new SettingType.Text(true), "", null);

    public static final SettingKey<String> VOICE_MODEL = key("voice.model", "Voice", "Speech model",
            "The whisper.cpp model that hears you: a name (tiny.en, base.en) from the models folder in the data folder, or a file's path; empty "
            + "uses the smallest one there.", new SettingType.Text(true), "", null);
    public static final SettingKey<String> VOICE_LANGUAGE = key("voice.language", "Voice", "Spoken language",
            "The language you speak, as a code (en, de, fr), or auto to let Whisper tell; English-only models (.en) hear English.",
            new SettingType.Text(false), "auto", null);
    public static final SettingKey<Boolean> VOICE_REVIEW = key("voice.review", "Voice", "Review before sending",
            "When on, what you said waits in the chat box for you to send it; when off, it is sent as you let go of the key.",
            new SettingType.Flag(), false, null);
    public static final SettingKey<String> VOICE_KEY = key("voice.key", "Voice", "Push-to-talk key",
            "The key held to talk, as JavaFX names it (ALT, CONTROL, ALT_GRAPH, F13); empty holds Option on macOS and Ctrl elsewhere. A "
            + "modifier held with another key is a shortcut, not talk.", new SettingType.Text(true), "", null);
    public static final SettingKey<Boolean> VOICE_SPEAK = key("voice.speak", "Voice", "Speak replies",
            "When on, replies are spoken as they are written, from their first sentence; the switch is in the chat too.", new SettingType.Flag(),
            false, null);
    public static final SettingKey<String> VOICE_VOICE = key("voice.voice", "Voice", "Reply voice",
            "The voice replies are spoken in: a name from say -v '?' on macOS or espeak-ng --voices elsewhere; empty is the system's.",
            new SettingType.Text(true), "", null);
    public static final SettingKey<Integer> VOICE_RATE = key("voice.rate", "Voice", "Reply pace (words a minute)",
            "How fast replies are spoken; 0 is the voice's own pace.", new SettingType.Whole(0, 500), 0, null);
    public static final SettingKey<String> VOICE_SOURCE = key("voice.modelSource", "Voice", "Speech models from",
            "Where speech models are downloaded from: whisper.cpp's models on Hugging Face.", new SettingType.Url(false),
            "https://huggingface.co/ggerganov/whisper.cpp/resolve/main/", "JARVIS_WHISPER_SOURCE");

    public static final SettingKey<String> ARTIFACT_BACKEND = key("artifacts.backend", "Artifacts", "Artifact store",
            "local keeps artifacts in the data folder; s3 sends them to MinIO or another S3 endpoint.",
            new SettingType.Choice(List.of("local", "s3")), "local", null);
    public static final SettingKey<String> S3_ENDPOINT = key("artifacts.s3.endpoint", "Artifacts", "S3 endpoint",
            "Address of the MinIO or S3 server.", new SettingType.Url(true), "", null);
    public static final SettingKey<String> S3_BUCKET = key("artifacts.s3.bucket", "Artifacts", "S3 bucket",
            "Bucket that holds Jarvis's artifacts; created when missing.", new SettingType.Text(false), "jarvis", null);
    public static final SettingKey<String> S3_REGION = key("artifacts.s3.region", "Artifacts", "S3 region",
            "Region of the bucket; MinIO accepts the default.", new SettingType.Text(false), "us-east-1", null);

    public static final SettingKey<Integer> HEALTH_INTERVAL = key("health.intervalSeconds", "General",
            "Health check interval (s)", "How often the status bar checks each integration.",
            new SettingType.Whole(5, 3600), 30, null);
    public static final SettingKey<Integer> JOB_ATTEMPTS = key("jobs.maxAttempts", "General", "Job attempts",
            "How many times a failing job is tried before it is marked failed.", new SettingType.Whole(1, 10), 3, null);
    public static final SettingKey<Integer> JOB_BACKOFF = key("jobs.backoffMillis", "General", "First retry delay (ms)",
            "Delay before the first retry; it doubles each time, with jitter.", new SettingType.Whole(10, 600_000), 1000, null);
    public static final SettingKey<String> THEME = key("ui.theme", "Appearance", "Theme",
            "system follows the light or dark setting of the computer.",
            new SettingType.Choice(List.of("system", "light", "dark")), "system", null);
    public static final SettingKey<String> SAFETY_HAZARDOUS = key("safety.hazardousEntities", "Safety", "Hazardous entities",
            "Entity ids that always wait for a person's confirmation, such as a heater, a compressor or a saw; separated by commas.",
            new SettingType.Text(true), "", null);
    public static final SettingKey<Double> SAFETY_CLIMATE_LIMIT = key("safety.climateLimitCelsius", "Safety", "Climate limit (°C)",
            "Setting a heater or thermostat above this temperature waits for a person's confirmation.", new SettingType.Decimal(5, 60), 30.0, null);
    public static final SettingKey<Integer> SAFETY_CONFIRMATION = key("safety.confirmationSeconds", "Safety", "Confirmation time (s)",
            "How long a hazardous action waits for a person's confirmation before it is dropped.", new SettingType.Whole(10, 3600), 300, null);
    public static final SettingKey<Integer> TOOLS_MAX_STEPS = key("tools.maxSteps", "Routing", "Tool steps per turn",
            "How many rounds of tool calls a model may make in one turn before it must answer.", new SettingType.Whole(1, 20), 5, null);
    public static final SettingKey<String> LOG_LEVEL = key("logging.level", "General", "Log level",
            "How much goes into the log file.", new SettingType.Choice(List.of("error", "warn", "info", "debug")), "info", null);

    private static final Map<String, SettingKey<?>> BY_NAME = new LinkedHashMap<>();

    static {
        for (SettingKey<?> key : List.of(OLLAMA_URL, OLLAMA_MODEL, OLLAMA_CONTEXT, CLOUD_PROVIDER, CLOUD_MODEL, OPENAI_BASE_URL,
                ANTHROPIC_BASE_URL, OFFLINE, BUDGET_DAILY, BUDGET_MONTHLY, PRICES, ROUTER_THRESHOLD, ROUTER_FIRST_TOKEN,
                CLOUD_FIRST_TOKEN, CONNECT_TIMEOUT, IDLE_TIMEOUT, HASS_URL, MQTT_URL, MQTT_USERNAME, MQTT_CA_FILE, MQTT_PREFIX, HOME_FAVOURITES,
                WATCH_MODEL, WATCH_INTERVAL, WATCH_AUTO_PAUSE, WATCH_PAUSE_CONFIDENCE, CAD_SLICER, CAD_ORCA_SLICER, CAD_PRUSA_SLICER, CAD_STEP_CONVERTER, CAD_MODEL, CAD_OPENSCAD, CAD_ZOO_URL,
                CAD_ZOO_PRICE, CAD_COMMAND_SECONDS, STUDIO_CONVERTER, STUDIO_MODEL, STUDIO_SOUNDFONT,
                VOICE_MODEL, VOICE_LANGUAGE, VOICE_REVIEW, VOICE_KEY, VOICE_SPEAK, VOICE_VOICE, VOICE_RATE, VOICE_SOURCE,
                ARTIFACT_BACKEND, S3_ENDPOINT, S3_BUCKET, S3_REGION,
                HEALTH_INTERVAL, JOB_ATTEMPTS, JOB_BACKOFF, THEME, SAFETY_HAZARDOUS, SAFETY_CLIMATE_LIMIT, SAFETY_CONFIRMATION, TOOLS_MAX_STEPS, LOG_LEVEL)) {
            BY_NAME.put(key.name(), key);
        }
    }

    private SettingsSchema() {}

    /** A model of {@code provider}'s that has a price by default, for a cloud chosen without a model. */
    public static String pricedCloudModel(String provider) {
        return switch (provider) {
            case "openai" -> "gpt-4.1-mini";
            case "anthropic" -> "claude-haiku-4-5";
            default -> "";
        };
    }

    public static List<SettingKey<?>> all() {
        return List.copyOf(BY_NAME.values());
    }

    public static Optional<SettingKey<?>> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static <T> SettingKey<T> key(String name, String section, String label, String help,
                                         SettingType<T> type, T defaultValue, String env) {
        return new SettingKey<>(name, section, label, help, type, defaultValue, Optional.ofNullable(env));
    }
}
