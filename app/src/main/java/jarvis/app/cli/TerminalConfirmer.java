package jarvis.app.cli;

import jarvis.orchestrator.tools.Confirmation;
import jarvis.orchestrator.tools.ConfirmationRequest;
import jarvis.orchestrator.tools.Confirmer;
import java.io.Console;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;

/**
 * Confirms hazardous actions at the terminal: the action, the state now, why it asks and who proposed it, answered y
 * or N before it expires. With no terminal (a script, a pipe) nobody can confirm, and the action is refused.
 */
final class TerminalConfirmer implements Confirmer {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Override
    public CompletableFuture<Confirmation> ask(ConfirmationRequest request) {
        Console console = System.console();
        // Piped input is no person: on some JDKs System.console() exists even then, so it must be a real terminal.
        if (console == null || !console.isTerminal()) {
            return Confirmer.NOBODY.ask(request);
        }
        CompletableFuture<Confirmation> answer = new CompletableFuture<>();
        Thread.ofVirtual().name("jarvis-confirm").start(() -> {
            String state = request.currentState().isBlank() ? "" : " (" + request.currentState() + ")";
            String reply = console.readLine("%s%s needs your confirmation: %s. Proposed by %s. Do it? Answer by %s [y/N] ",
                    capitalised(request.action()), state, request.why(), request.requestedBy(), CLOCK.format(request.expires()));
            boolean yes = reply != null && reply.strip().equalsIgnoreCase("y");
            answer.complete(new Confirmation(yes ? Confirmation.Decision.CONFIRMED : Confirmation.Decision.REFUSED,
                    "the person at the terminal (" + System.getProperty("user.name") + ")", Instant.now()));
        });
        return answer;
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
