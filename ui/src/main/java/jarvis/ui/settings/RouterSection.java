package jarvis.ui.settings;

import atlantafx.base.theme.Styles;
import jarvis.orchestrator.routing.Calibrator;
import jarvis.orchestrator.routing.Reliability;
import jarvis.orchestrator.routing.RouterFeedback;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Settings' router section: the local share, the verdicts per model, a reliability diagram each, and a reset. */
public final class RouterSection extends VBox {

    private static final String RESET = "Reset to the default rule";

    private final VBox perModel = new VBox(12);

    public RouterSection(RouterViewModel model) {
        super(10);
        setId("router-section");
        Button reset = new Button(RESET, FontIcon.of(Feather.ROTATE_CCW));
        reset.setId("router-reset");
        reset.getStyleClass().add(Styles.SMALL);
        // Forgetting every verdict cannot be undone: the first press asks, the second forgets.
        reset.setOnAction(e -> {
            if (reset.getText().equals(RESET)) {
                reset.setText("Forget all " + model.models().stream().mapToInt(RouterFeedback.ModelCalibration::labels).sum()
                        + " verdicts? Press again");
                reset.getStyleClass().add(Styles.DANGER);
            } else {
                model.reset();
                reset.setText(RESET);
                reset.getStyleClass().remove(Styles.DANGER);
            }
        });
        reset.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                reset.setText(RESET);
                reset.getStyleClass().remove(Styles.DANGER);
            }
        });
        Label what = new Label("What the router learnt from your verdicts.");
        what.getStyleClass().add(Styles.TEXT_MUTED);
        what.setWrapText(true);
        what.setMinWidth(0);
        HBox.setHgrow(what, Priority.ALWAYS);
        reset.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox top = new HBox(12, what, reset);
        top.setAlignment(Pos.CENTER_LEFT);
        Label share = new Label();
        share.setId("router-local-share");
        share.setWrapText(true);
        share.textProperty().bind(model.localShare());
        Label how = new Label("Thumbs up or down on a reply, and Ask the cloud or Regenerate after a local answer, teach the router. "
                + "From " + Calibrator.MINIMUM_LABELS + " verdicts on a local model, its answers are scored by a rule fitted to them.");
        how.setWrapText(true);
        how.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        model.models().addListener((ListChangeListener<RouterFeedback.ModelCalibration>) change -> render(model));
        getChildren().addAll(top, share, how, perModel);
        render(model);
        model.refresh();
    }

    private void render(RouterViewModel model) {
        perModel.getChildren().clear();
        if (model.models().isEmpty()) {
            Label none = new Label("No verdicts yet: every local model is scored by the default rule.");
            none.getStyleClass().add(Styles.TEXT_MUTED);
            perModel.getChildren().add(none);
            return;
        }
        for (RouterFeedback.ModelCalibration calibration : model.models()) {
            Label summary = new Label(calibration.model() + ": " + calibration.labels() + " verdicts, " + calibration.satisfied()
                    + " satisfied; scored by " + calibration.rule().source() + ".");
            summary.setWrapText(true);
            perModel.getChildren().addAll(summary, diagram(calibration.reliability()));
        }
    }

    /** Predicted score against how often the person was satisfied; the diagonal is a perfectly calibrated rule. */
    private static LineChart<Number, Number> diagram(Reliability reliability) {
        NumberAxis predicted = new NumberAxis("score the answer had", 0, 1, 0.1);
        NumberAxis observed = new NumberAxis("share you were satisfied with", 0, 1, 0.1);
        LineChart<Number, Number> chart = new LineChart<>(predicted, observed);
        chart.setId("reliability-diagram");
        chart.setAnimated(false);
        chart.setPrefHeight(240);
        chart.setMaxWidth(420);
        XYChart.Series<Number, Number> ideal = new XYChart.Series<>();
        ideal.setName("perfectly calibrated");
        ideal.getData().add(new XYChart.Data<>(0, 0));
        ideal.getData().add(new XYChart.Data<>(1, 1));
        XYChart.Series<Number, Number> yours = new XYChart.Series<>();
        yours.setName("your verdicts");
        for (Reliability.Bin bin : reliability.bins()) {
            yours.getData().add(new XYChart.Data<>(bin.meanScore(), bin.satisfiedShare()));
        }
        chart.getData().add(ideal);
        chart.getData().add(yours);
        return chart;
    }
}
