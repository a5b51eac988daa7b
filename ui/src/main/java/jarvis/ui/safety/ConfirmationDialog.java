package jarvis.ui.safety;

import atlantafx.base.theme.Styles;
import jarvis.orchestrator.tools.Confirmation;
import jarvis.orchestrator.tools.ConfirmationRequest;
import jarvis.orchestrator.tools.Confirmer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Asks the person at this computer to confirm a hazardous action, in a dialog naming the action, the state now, why
 * it asks, who or what proposed it and when the question expires. "Don't" is the default; only a click on "Do it"
 * confirms. The dialog closes by itself when the question expires.
 */
public final class ConfirmationDialog implements Confirmer {

    private static final ButtonType DO_IT = new ButtonType("Do it", ButtonBar.ButtonData.OK_DONE);
    private static final ButtonType DONT = new ButtonType("Don't", ButtonBar.ButtonData.CANCEL_CLOSE);

    private final Supplier<Window> owner;
    private final Executor ui;
    private final Clock clock;

    public ConfirmationDialog(Supplier<Window> owner, Executor ui, Clock clock) {
        this.owner = owner;
        this.ui = ui;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Confirmation> ask(ConfirmationRequest request) {
        CompletableFuture<Confirmation> answer = new CompletableFuture<>();
        ui.execute(() -> show(request, answer));
        return answer;
    }

    private void show(ConfirmationRequest request, CompletableFuture<Confirmation> answer) {
        if (answer.isDone()) {
            return;
        }
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Confirm a hazardous action");
        dialog.setHeaderText(capitalised(request.action()) + "?");
        Window parent = owner.get();
        if (parent != null) {
            dialog.initOwner(parent);
        }
        GridPane facts = new GridPane(12, 6);
        int row = 0;
        if (!request.currentState().isBlank()) {
            facts.addRow(row++, muted("Now"), new Label(request.currentState()));
        }
        facts.addRow(row++, muted("Why it asks"), new Label(capitalised(request.why()) + "."));
        facts.addRow(row++, muted("Proposed by"), new Label(request.requestedBy()));
        Label expires = new Label();
        expires.setId("confirmation-expiry");
        facts.addRow(row, muted("Expires in"), expires);
        dialog.getDialogPane().setContent(facts);
        dialog.getDialogPane().setId("confirmation-dialog");
        dialog.getDialogPane().getButtonTypes().setAll(DO_IT, DONT);
        Button confirm = (Button) dialog.getDialogPane().lookupButton(DO_IT);
        confirm.setId("confirmation-do-it");
        confirm.setDefaultButton(false);
        confirm.getStyleClass().add(Styles.DANGER);
        Button refuse = (Button) dialog.getDialogPane().lookupButton(DONT);
        refuse.setId("confirmation-dont");
        refuse.setDefaultButton(true);

        Timeline countdown = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> expires.setText(left(request))));
        countdown.setCycleCount(Timeline.INDEFINITE);
        expires.setText(left(request));
        countdown.play();
        dialog.setOnHidden(e -> {
            countdown.stop();
            boolean yes = dialog.getResult() == DO_IT;
            answer.complete(new Confirmation(yes ? Confirmation.Decision.CONFIRMED : Confirmation.Decision.REFUSED,
                    "the person at this computer (" + System.getProperty("user.name") + ")", clock.instant()));
        });
        // Expired, or the turn stopped: the question goes away, unanswered.
        answer.whenComplete((done, failure) -> {
            if (failure != null) {
                ui.execute(dialog::close);
            }
        });
        dialog.show();
    }

    private String left(ConfirmationRequest request) {
        Duration remaining = Duration.between(clock.instant(), request.expires());
        long seconds = Math.max(0, remaining.toSeconds());
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        return label;
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
