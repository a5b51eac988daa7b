package jarvis.ui.printers;

import atlantafx.base.theme.Styles;
import jarvis.devices.watch.Verdict;
import jarvis.devices.watch.VerdictBook;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The failure watch's verdicts, newest first: the frame it judged, what it said and how sure, whether it paused the
 * print, and Right and Wrong for a person to mark it; the precision so far on top.
 */
final class WatchReview extends BorderPane {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(ZoneId.systemDefault());

    private final WatchReviewViewModel model;
    private final VBox rows = new VBox(8);

    WatchReview(WatchReviewViewModel model, Runnable back) {
        this.model = model;
        setId("watch-review");
        Button leave = new Button("Back", FontIcon.of(Feather.ARROW_LEFT));
        leave.setId("watch-review-back");
        leave.setOnAction(e -> back.run());
        Label precision = new Label();
        precision.setId("watch-review-precision");
        precision.getStyleClass().add(Styles.TITLE_4);
        precision.textProperty().bind(model.precision());
        HBox bar = new HBox(12, leave, precision);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(12));
        setTop(bar);
        rows.setPadding(new Insets(0, 12, 12, 12));
        ScrollPane scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        model.items().addListener((ListChangeListener<WatchReviewViewModel.Item>) change -> show());
        show();
    }

    private void show() {
        rows.getChildren().clear();
        if (model.items().isEmpty()) {
            Label none = new Label("No verdicts yet: the watch looks while a print runs on a printer with a camera.");
            none.getStyleClass().add(Styles.TEXT_MUTED);
            rows.getChildren().add(none);
        }
        for (WatchReviewViewModel.Item item : model.items()) {
            rows.getChildren().add(row(item));
        }
    }

    private HBox row(WatchReviewViewModel.Item item) {
        VerdictBook.Stored stored = item.verdict();
        ImageView frame = new ImageView(item.frame().orElse(null));
        frame.setFitWidth(WatchReviewViewModel.THUMBNAIL_WIDTH);
        frame.setPreserveRatio(true);
        Label said = new Label(stored.printer() + " · " + WHEN.format(stored.at()) + " · " + stored.verdict().call().word() + " "
                + stored.verdict().percent() + (stored.paused() ? " · paused the print" : ""));
        said.getStyleClass().addAll(Styles.TEXT_BOLD, stored.verdict().call() == Verdict.Call.FAILURE ? Styles.DANGER
                : stored.verdict().call() == Verdict.Call.WARNING ? Styles.WARNING : Styles.TEXT_MUTED);
        Label reason = new Label(stored.verdict().reason() + (stored.job().isBlank() ? "" : " (" + stored.job() + ")"));
        reason.setWrapText(true);
        reason.setMinWidth(0);
        ToggleButton right = new ToggleButton("Right", FontIcon.of(Feather.CHECK));
        ToggleButton wrong = new ToggleButton("Wrong", FontIcon.of(Feather.X));
        right.setId("watch-review-right-" + stored.id());
        wrong.setId("watch-review-wrong-" + stored.id());
        right.setSelected(stored.right().orElse(false));
        wrong.setSelected(stored.right().map(mark -> !mark).orElse(false));
        right.getStyleClass().add(Styles.SMALL);
        wrong.getStyleClass().add(Styles.SMALL);
        right.setOnAction(e -> model.mark(stored.id(), true));
        wrong.setOnAction(e -> model.mark(stored.id(), false));
        VBox words = new VBox(4, said, reason, new HBox(6, right, wrong));
        HBox.setHgrow(words, Priority.ALWAYS);
        HBox row = new HBox(12, frame, words);
        row.setId("watch-review-" + stored.id());
        row.setPadding(new Insets(8));
        row.setStyle("-fx-background-color: -color-bg-subtle; -fx-background-radius: 6;");
        return row;
    }
}
