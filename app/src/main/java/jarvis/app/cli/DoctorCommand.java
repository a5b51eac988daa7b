package jarvis.app.cli;

import jarvis.app.Core;
import jarvis.app.Probes;
import jarvis.orchestrator.health.Health;
import jarvis.orchestrator.health.HealthProbe;
import jarvis.orchestrator.models.ollama.LocalModel;
import jarvis.orchestrator.routing.Prices;
import jarvis.orchestrator.secrets.SecretStoreException;
import jarvis.orchestrator.settings.Settings;
import jarvis.orchestrator.settings.SettingsProblem;
import jarvis.orchestrator.settings.SettingsSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code jarvis doctor}: checks everything Jarvis depends on and says how to fix what is wrong. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Checks settings, data folder, database, artifact store and each integration. "
                + "Exits 1 when something required is broken.")
final class DoctorCommand implements Callable<Integer> {

    private enum Verdict { OK, WARN, FAIL, SKIP }

    private record Finding(String check, Verdict verdict, String detail) {}

    @ParentCommand
    JarvisCommand root;

    @Override
    public Integer call() {
        List<Finding> findings = new ArrayList<>();
        findings.add(javaVersion());
        Finding folder = dataFolder(root.folder().root());
        findings.add(folder);
        if (folder.verdict() == Verdict.FAIL) {
            return report(findings);
        }
        Core core = root.core();
        List<SettingsProblem> problems = core.settings().loadProblems();
        if (problems.isEmpty()) {
            findings.add(new Finding("Settings", Verdict.OK, core.settings().file().path().toString()));
        } else {
            problems.forEach(problem -> findings.add(new Finding("Settings", Verdict.FAIL, problem.message())));
        }
        findings.add(secrets(core));
        try {
            core.openStorage();
        } catch (RuntimeException e) {
            // The database probe below reports it with its message.
        }
        for (HealthProbe probe : core.health().probes()) {
            Health health = probe.check();
            Verdict verdict = switch (health.status()) {
                case REACHABLE -> Verdict.OK;
                case NOT_CONFIGURED -> Verdict.SKIP;
                default -> probe.required() ? Verdict.FAIL : Verdict.WARN;
            };
            findings.add(new Finding(probe.integration(), verdict, health.detail()));
            if (probe.integration().equals(Probes.OLLAMA) && verdict == Verdict.OK) {
                findings.add(localModel(core));
            }
            if (probe.integration().equals(Probes.CLOUD)) {
                findings.add(cloudChoice(core));
            }
            if (probe.integration().equals(Probes.CLOUD) && verdict == Verdict.OK) {
                findings.add(cloudPrice(core));
            }
        }
        return report(findings);
    }

    private static Finding localModel(Core core) {
        String wanted = core.settings().get(SettingsSchema.OLLAMA_MODEL);
        try {
            List<LocalModel> models = core.ollamaLibrary().models();
            boolean present = models.stream().anyMatch(m -> m.name().equals(wanted) || m.name().equals(wanted + ":latest"));
            return present
                    ? new Finding("Local model", Verdict.OK, wanted + " is in Ollama")
                    : new Finding("Local model", Verdict.WARN, "Ollama has no " + wanted + "; pull it in Settings → Models or run "
                    + "'ollama pull " + wanted + "', or choose one of: " + models.stream().map(LocalModel::name).toList());
        } catch (RuntimeException e) {
            return new Finding("Local model", Verdict.WARN, e.getMessage());
        }
    }

    /** Which cloud provider and model are used, and where that choice came from. */
    private static Finding cloudChoice(Core core) {
        Settings current = core.settings().current();
        String provider = current.get(SettingsSchema.CLOUD_PROVIDER);
        String from = switch (current.source(SettingsSchema.CLOUD_PROVIDER)) {
            case ENVIRONMENT -> "set in the environment";
            case FILE -> "chosen in Settings";
            case IMPLIED -> "chosen because " + current.impliedBecause();
            case DEFAULT -> "no provider chosen and no single cloud API key in the environment";
        };
        return provider.equals("none")
                ? new Finding("Cloud choice", Verdict.SKIP, "none (" + from + "); every turn stays local. Choose one in Settings → Cloud, "
                        + "or set OPENAI_API_KEY or ANTHROPIC_API_KEY")
                : new Finding("Cloud choice", Verdict.OK, provider + " · " + current.get(SettingsSchema.CLOUD_MODEL) + " (" + from + ")");
    }

    private static Finding cloudPrice(Core core) {
        String model = core.settings().get(SettingsSchema.CLOUD_MODEL);
        boolean priced = Prices.parse(core.settings().get(SettingsSchema.PRICES)).estimate(model, 1, 1).isPresent();
        return priced
                ? new Finding("Cloud price", Verdict.OK, model + " has a price, so the budget can be kept")
                : new Finding("Cloud price", Verdict.WARN, "cloud.prices has no price for '" + model
                + "', so Jarvis will not escalate to it; add one such as " + model + "=3.00/15.00");
    }

    private int report(List<Finding> findings) {
        Table table = new Table("CHECK", "STATUS", "DETAIL / HOW TO FIX");
        findings.forEach(finding -> table.row(finding.check(), finding.verdict(), finding.detail()));
        table.print(root.out());
        long failures = findings.stream().filter(finding -> finding.verdict() == Verdict.FAIL).count();
        root.out().println(failures == 0
                ? "Everything required works."
                : failures + " required check(s) failed; fix them as the table says, then run 'jarvis doctor' again.");
        return failures == 0 ? 0 : 1;
    }

    private static Finding javaVersion() {
        int feature = Runtime.version().feature();
        return feature >= 25
                ? new Finding("Java", Verdict.OK, "Java " + Runtime.version())
                : new Finding("Java", Verdict.FAIL, "Java " + feature + " is too old; install a JDK 25 and set JAVA_HOME to it.");
    }

    private static Finding dataFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, "doctor", ".tmp");
            Files.delete(probe);
            return new Finding("Data folder", Verdict.OK, folder.toString());
        } catch (IOException e) {
            return new Finding("Data folder", Verdict.FAIL, folder + " is not writable (" + e.getMessage()
                    + "); set JARVIS_HOME to a folder you own.");
        }
    }

    private static Finding secrets(Core core) {
        try {
            int count = core.secrets().store().names().size();
            return new Finding("Secrets", Verdict.OK, count + " stored in " + core.secrets().store().describe());
        } catch (SecretStoreException e) {
            return new Finding("Secrets", Verdict.FAIL, e.getMessage());
        }
    }
}
