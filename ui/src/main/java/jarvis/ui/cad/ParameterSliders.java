package jarvis.ui.cad;

import atlantafx.base.theme.Styles;
import jarvis.cad.make.ScadProgram;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A slider and a field for each parameter of a part made from words: letting go of a slider, a click or a key on it,
 * or Enter in a field asks for the part again with every value as it stands. Shown again with the same parameters
 * (a new version of the part, or a change put back: the same names, ranges and comments), the rows stay and only their
 * values move, and a slider being dragged is left alone.
 */
final class ParameterSliders extends VBox {

    private final Consumer<Map<String, Double>> change;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    /** The parameters shown, but for their values: their names, ranges and comments. */
    private List<List<Object>> shapes = List.of();

    /** @param change asked with every parameter's value when a person changes one */
    ParameterSliders(Consumer<Map<String, Double>> change) {
        super(6);
        this.change = change;
    }

    /** Shows these parameters: the values moved when only they differ from those shown, else new rows. */
    void show(List<ScadProgram.Parameter> shown) {
        List<List<Object>> shapes = shown.stream().map(p -> List.<Object>of(p.name(), p.min(), p.max(), p.comment())).toList();
        if (shapes.equals(this.shapes)) {
            shown.forEach(parameter -> rows.get(parameter.name()).set(parameter.value()));
            return;
        }
        this.shapes = shapes;
        getChildren().clear();
        rows.clear();
        if (shown.isEmpty()) {
            return;
        }
        Label heading = new Label("Parameters");
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        getChildren().add(heading);
        for (ScadProgram.Parameter parameter : shown) {
            Row row = new Row(parameter);
            rows.put(parameter.name(), row);
            getChildren().add(row.box);
        }
    }

    private void changed() {
        Map<String, Double> values = new LinkedHashMap<>();
        rows.forEach((name, row) -> values.put(name, row.slider.getValue()));
        change.accept(values);
    }

    /** One parameter's slider and field, and the value the part was last asked for with. */
    private final class Row {
        final Slider slider;
        final TextField field;
        final HBox box;
        final boolean whole;
        double made;
        /** While a typed or shown value is set: it is taken as it is, not rounded to a whole number. */
        boolean exact;

        Row(ScadProgram.Parameter parameter) {
            double min = parameter.min().orElse(Math.min(0, parameter.value() * 2));
            double max = parameter.max().orElse(Math.max(parameter.value() * 2, min + 10));
            slider = new Slider(min, max, Math.clamp(parameter.value(), min, max));
            slider.setId("cad-parameter-" + parameter.name());
            whole = min == Math.rint(min) && max == Math.rint(max) && parameter.value() == Math.rint(parameter.value()) && max - min >= 10;
            slider.setBlockIncrement(whole ? 1 : (max - min) / 100);
            field = new TextField(ScadProgram.number(parameter.value()));
            field.setId("cad-parameter-" + parameter.name() + "-value");
            field.setPrefColumnCount(5);
            made = slider.getValue();
            // A drag changes the part once, when it is let go; a click, a key or a typed value changes it at once.
            slider.valueProperty().addListener((seen, was, now) -> {
                if (whole && !exact && now.doubleValue() != Math.rint(now.doubleValue())) {
                    slider.setValue(Math.rint(now.doubleValue()));
                    return;
                }
                field.setText(ScadProgram.number(Math.round(now.doubleValue() * 100) / 100.0));
                if (!slider.isValueChanging()) {
                    commit();
                }
            });
            slider.valueChangingProperty().addListener((seen, was, changing) -> {
                if (!changing) {
                    commit();
                }
            });
            field.setOnAction(event -> {
                try {
                    double value = Double.parseDouble(field.getText().strip());
                    field.getStyleClass().remove(Styles.DANGER);
                    exactly(value);
                } catch (NumberFormatException e) {
                    field.getStyleClass().add(Styles.DANGER);
                }
            });
            Label name = new Label(parameter.name());
            name.setMinWidth(70);
            HBox.setHgrow(slider, Priority.ALWAYS);
            box = new HBox(6, name, slider, field);
            box.setAlignment(Pos.CENTER_LEFT);
            if (!parameter.comment().isBlank()) {
                Tooltip.install(box, new Tooltip(parameter.comment()));
            }
        }

        private void commit() {
            if (slider.getValue() != made) {
                made = slider.getValue();
                changed();
            }
        }

        /** Sets the value as it is, widening the slider's range when it must. */
        private void exactly(double value) {
            slider.setMax(Math.max(slider.getMax(), value));
            slider.setMin(Math.min(slider.getMin(), value));
            exact = true;
            slider.setValue(value);
            exact = false;
        }

        /** Shows the part's value, asking for nothing; a slider being dragged keeps the person's. */
        void set(double value) {
            if (slider.isValueChanging()) {
                return;
            }
            made = value;
            exactly(value);
            field.setText(ScadProgram.number(value));
            field.getStyleClass().remove(Styles.DANGER);
        }
    }
}
