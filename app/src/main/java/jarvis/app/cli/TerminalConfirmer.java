package jarvis.app.cli;

import jarvis.orchestrator.tools.Confirmation;
import jarvis.orchestrator.tools.ConfirmationRequest;
import jarvis.orchestrator.tools.Confirmer;
import java.io.Console;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Confirms hazardous actions at the terminal: the action, the state now, why it asks and who proposed it, answered y
 * or N before it expires. With no terminal (a script, a pipe) nobody can confirm, and the action is refused. One
 * reader takes the terminal's lines for every question, and a question's answer is the first line typed after it was
 * asked: a line typed to a question that expired answers nothing later.
 */
final class TerminalConfirmer implements Confirmer {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final String NO_MORE_INPUT = "\u0000end";

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private Thread reader;
    private volatile boolean ended;

    @Override
    public CompletableFuture<Confirmation> ask(ConfirmationRequest request) {
        Console console = System.console();
        // Piped input is no person: on some JDKs System.console() exists even then, so it must be a real terminal.
        if (console == null || !console.isTerminal() || ended) {
            return Confirmer.NOBODY.ask(request);
        }
        startReading(console);
        lines.clear();
        String state = request.currentState().isBlank() ? "" : " (" + request.currentState() + ")";
        console.printf("%s%s needs your confirmation: %s. Proposed by %s. Do it? Answer by %s [y/N] ", capitalised(request.action()), state,
                request.why(), request.requestedBy(), CLOCK.format(request.expires()));
        console.flush();
        CompletableFuture<Confirmation> answer = new CompletableFuture<>();
        Thread.ofVirtual().name("jarvis-confirm").start(() -> {
            try {
                String line = lines.take();
                if (line.equals(NO_MORE_INPUT)) {
                    answer.complete(new Confirmation(Confirmation.Decision.NO_ONE_TO_ASK, null, Instant.now()));
                    return;
                }
                boolean yes = line.strip().equalsIgnoreCase("y");
                answer.complete(new Confirmation(yes ? Confirmation.Decision.CONFIRMED : Confirmation.Decision.REFUSED,
                        "the person at the terminal (" + System.getProperty("user.name") + ")", Instant.now()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return answer;
    }

    private synchronized void startReading(Console console) {
        if (reader == null) {
            reader = Thread.ofPlatform().daemon().name("jarvis-terminal").start(() -> {
                String line;
                while ((line = console.readLine()) != null) {
                    lines.add(line);
                }
                ended = true;
                lines.add(NO_MORE_INPUT);
            });
        }
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
