package jarvis.app.cli;

import jarvis.orchestrator.secrets.Secret;
import jarvis.orchestrator.secrets.SecretName;
import jarvis.orchestrator.secrets.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jarvis secrets set|list|delete}: values come in on standard input and are never printed. */
@Command(name = "secrets", mixinStandardHelpOptions = true,
        description = "Stores API keys, tokens and access codes in the Keychain (or an encrypted file).",
        subcommands = {SecretsCommand.Set.class, SecretsCommand.ListSecrets.class, SecretsCommand.Delete.class})
final class SecretsCommand {

    @ParentCommand
    JarvisCommand root;

    static SecretName known(String name) {
        return SecretName.find(name).orElseThrow(() -> new IllegalArgumentException("There is no secret '" + name
                + "'. Known secrets: " + String.join(", ", SecretName.all().stream().map(SecretName::name).toList())));
    }

    @Command(name = "set", description = "Reads the value from standard input, e.g. `printf %%s \"$KEY\" | jarvis secrets set openai.apiKey`.")
    static final class Set implements Callable<Integer> {
        @ParentCommand SecretsCommand parent;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() throws IOException {
            SecretName secret = known(name);
            String value = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                parent.root.err().println("jarvis: nothing arrived on standard input; pipe the value in, "
                        + "for example: printf %s \"$TOKEN\" | jarvis secrets set " + name);
                return JarvisCommand.BAD_INPUT;
            }
            parent.root.core().secrets().put(secret, new Secret(value));
            parent.root.out().println("Stored " + name + " in " + parent.root.core().secrets().store().describe());
            return 0;
        }
    }

    @Command(name = "list", description = "Which secrets are set, and where from. Values are never shown.")
    static final class ListSecrets implements Callable<Integer> {
        @ParentCommand SecretsCommand parent;

        @Override
        public Integer call() {
            Secrets secrets = parent.root.core().secrets();
            Table table = new Table("NAME", "STATE", "WHAT");
            for (SecretName secret : SecretName.all()) {
                String state = secrets.fromEnvironment(secret) ? "set by " + secret.environmentVariable().orElseThrow()
                        : secrets.isSet(secret) ? "stored" : "not set";
                table.row(secret.name(), state, secret.label());
            }
            table.print(parent.root.out());
            return 0;
        }
    }

    @Command(name = "delete", description = "Removes a stored secret.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand SecretsCommand parent;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            parent.root.core().secrets().put(known(name), new Secret(""));
            parent.root.out().println("Removed " + name);
            return 0;
        }
    }
}
