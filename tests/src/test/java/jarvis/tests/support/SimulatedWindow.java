package jarvis.tests.support;

import jarvis.app.Core;
import jarvis.app.desktop.DesktopShell;
import jarvis.orchestrator.home.DataFolder;
import jarvis.orchestrator.secrets.Secret;
import jarvis.orchestrator.secrets.SecretName;
import jarvis.tests.simulators.AnthropicSimulator;
import jarvis.tests.simulators.OllamaSimulator;
import java.nio.file.Path;
import java.util.Map;
import javafx.stage.Stage;

/**
 * The desktop window over a fresh data folder, answering with the Ollama simulator and escalating to the Anthropic
 * simulator (with its key), as UI tests of the conversation need it.
 */
public final class SimulatedWindow implements AutoCloseable {

    public static final String KEY = "sk-ant-ui";

    public final OllamaSimulator ollama;
    public final AnthropicSimulator anthropic;
    public final Core core;
    public final DesktopShell shell;

    private SimulatedWindow(OllamaSimulator ollama, AnthropicSimulator anthropic, Core core, DesktopShell shell) {
        this.ollama = ollama;
        this.anthropic = anthropic;
        this.core = core;
        this.shell = shell;
    }

    /** Call on the FX thread (a TestFX {@code @Start} method). */
    public static SimulatedWindow open(Path home, Stage stage) throws Exception {
        OllamaSimulator ollama = new OllamaSimulator();
        AnthropicSimulator anthropic = new AnthropicSimulator(KEY);
        Core core = new Core(new DataFolder(home), Map.of("OLLAMA_HOST", ollama.baseUrl()));
        core.settings().set("cloud.provider", "anthropic");
        core.settings().set("cloud.model", "claude-sonnet-4-5");
        core.settings().set("cloud.anthropic.baseUrl", anthropic.baseUrl());
        core.secrets().put(SecretName.ANTHROPIC_API_KEY, new Secret(KEY));
        core.openStorage();
        return new SimulatedWindow(ollama, anthropic, core, Shells.show(core, stage));
    }

    @Override
    public void close() throws Exception {
        Shells.close(shell, core);
        ollama.close();
        anthropic.close();
    }
}
