package jarvis.app.cli;

import jarvis.orchestrator.settings.InvalidSettingException;
import jarvis.orchestrator.settings.SettingKey;
import jarvis.orchestrator.settings.Settings;
import jarvis.orchestrator.settings.SettingsProblem;
import jarvis.orchestrator.settings.SettingsSchema;
import jarvis.orchestrator.settings.SettingsService;
import jarvis.orchestrator.settings.UnknownSettingException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jarvis settings list|get|set|reset}. */
@Command(name = "settings", mixinStandardHelpOptions = true,
        description = "Shows and changes settings. Changes are validated and take effect in the open window too.",
        subcommands = {SettingsCommand.ListSettings.class, SettingsCommand.Get.class, SettingsCommand.Set.class,
                SettingsCommand.Reset.class})
final class SettingsCommand {

    @ParentCommand
    JarvisCommand root;

    SettingsService settings() {
        SettingsService service = root.core().settings();
        for (SettingsProblem problem : service.loadProblems()) {
            root.err().println("warning: " + problem.message());
        }
        return service;
    }

    @Command(name = "list", description = "Every setting with its value, its default and where the value comes from.")
    static final class ListSettings implements Callable<Integer> {
        @ParentCommand SettingsCommand parent;

        @Override
        public Integer call() {
            Settings current = parent.settings().current();
            Table table = new Table("KEY", "VALUE", "DEFAULT", "SOURCE", "ALLOWED");
            for (SettingKey<?> key : SettingsSchema.all()) {
                String source = switch (current.source(key)) {
                    case ENVIRONMENT -> "env " + key.environmentVariable().orElseThrow();
                    case FILE -> "file";
                    case IMPLIED -> "implied: " + current.impliedBecause();
                    case DEFAULT -> "default";
                };
                table.row(key.name(), key.format(current.value(key)), key.format(key.defaultValue()), source, key.type().describe());
            }
            table.print(parent.root.out());
            return 0;
        }
    }

    @Command(name = "get", description = "Prints one setting's value.")
    static final class Get implements Callable<Integer> {
        @ParentCommand SettingsCommand parent;
        @Parameters(paramLabel = "KEY", description = "The setting, such as ollama.url.") String name;

        @Override
        public Integer call() {
            SettingKey<?> key = SettingsSchema.find(name).orElseThrow(() -> new UnknownSettingException(name));
            parent.root.out().println(key.format(parent.settings().current().value(key)));
            return 0;
        }
    }

    @Command(name = "set", description = "Validates and saves one setting.")
    static final class Set implements Callable<Integer> {
        @ParentCommand SettingsCommand parent;
        @Parameters(index = "0", paramLabel = "KEY") String name;
        @Parameters(index = "1", paramLabel = "VALUE") String value;

        @Override
        public Integer call() {
            try {
                Object stored = parent.settings().set(name, value);
                SettingKey<?> key = SettingsSchema.find(name).orElseThrow();
                parent.root.out().println(name + " = " + key.format(stored));
                return 0;
            } catch (InvalidSettingException e) {
                parent.root.err().println("jarvis: " + name + ": " + e.getMessage());
                return JarvisCommand.BAD_INPUT;
            }
        }
    }

    @Command(name = "reset", description = "Puts one setting back to its default.")
    static final class Reset implements Callable<Integer> {
        @ParentCommand SettingsCommand parent;
        @Parameters(paramLabel = "KEY") String name;

        @Override
        public Integer call() {
            SettingKey<?> key = SettingsSchema.find(name).orElseThrow(() -> new UnknownSettingException(name));
            parent.root.out().println(name + " = " + key.format(parent.settings().reset(name)));
            return 0;
        }
    }
}
