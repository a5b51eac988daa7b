package jarvis.ui.settings;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Settings area: built in code from the view model; each field saves when it is committed (Enter, leaving it). */
public final class SettingsView extends ScrollPane {

    private final SettingsViewModel model;

    public SettingsView(SettingsViewModel model, ModelsSection models, RouterSection router) {
        this.model = model;
        setId("settings-view");
        setFitToWidth(true);
        VBox page = new VBox(20);
        page.setPadding(new Insets(24));
        Label title = new Label("Settings");
        title.getStyleClass().add(Styles.TITLE_2);
        Label file = new Label("Saved in " + model.settingsFile());
        file.getStyleClass().add(Styles.TEXT_MUTED);
        page.getChildren().addAll(title, file);
        List<String> problems = model.loadProblems();
        if (!problems.isEmpty()) {
            Label warning = new Label("The settings file had problems; Jarvis uses defaults for these until they are fixed:\n• "
                    + String.join("\n• ", problems));
            warning.setId("settings-problems");
            warning.setWrapText(true);
            warning.getStyleClass().add(Styles.DANGER);
            page.getChildren().add(warning);
        }
        page.getChildren().addAll(models, router);
        model.sections().forEach((section, rows) -> page.getChildren().add(section(section, rows)));
        page.getChildren().add(secrets());
        setContent(page);
    }

    private Node section(String name, List<SettingRow> rows) {
        GridPane grid = grid();
        int line = 0;
        for (SettingRow row : rows) {
            Label label = new Label(row.label());
            Node editor = editor(row);
            Label help = new Label(row.help());
            help.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            help.setWrapText(true);
            Label origin = new Label();
            origin.textProperty().bind(row.origin());
            origin.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            Label error = new Label();
            error.setId("error-" + row.name().replace('.', '-'));
            error.textProperty().bind(row.error());
            error.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
            error.managedProperty().bind(error.textProperty().isNotEmpty());
            error.visibleProperty().bind(error.managedProperty());
            error.setWrapText(true);
            grid.add(label, 0, line);
            grid.add(new VBox(4, editor, error, help), 1, line);
            grid.add(origin, 2, line);
            line++;
        }
        return titled(name, grid);
    }

    private Node editor(SettingRow row) {
        Node editor = switch (row.editor()) {
            case FLAG -> {
                CheckBox box = new CheckBox();
                box.setSelected(Boolean.parseBoolean(row.text().get()));
                row.text().addListener((obs, old, text) -> box.setSelected(Boolean.parseBoolean(text)));
                box.selectedProperty().addListener((obs, old, on) -> {
                    row.text().set(Boolean.toString(on));
                    model.commit(row);
                });
                yield box;
            }
            case CHOICE -> {
                ComboBox<String> box = new ComboBox<>();
                box.getItems().setAll(row.choices());
                box.setValue(row.text().get());
                row.text().addListener((obs, old, text) -> box.setValue(text));
                box.valueProperty().addListener((obs, old, value) -> {
                    if (value != null) {
                        row.text().set(value);
                        model.commit(row);
                    }
                });
                yield box;
            }
            case TEXT -> {
                TextField field = new TextField();
                field.textProperty().bindBidirectional(row.text());
                field.setOnAction(e -> model.commit(row));
                field.focusedProperty().addListener((obs, was, focused) -> {
                    // Leaving the field commits it; a window that is closing takes the focus too, and commits nothing.
                    boolean showing = field.getScene() != null && field.getScene().getWindow() != null
                            && field.getScene().getWindow().isShowing();
                    if (!focused && showing) {
                        model.commit(row);
                    }
                });
                row.error().addListener((obs, old, error) -> field.pseudoClassStateChanged(Styles.STATE_DANGER, !error.isEmpty()));
                yield field;
            }
        };
        editor.setId("setting-" + row.name().replace('.', '-'));
        editor.setDisable(!row.editable());
        return editor;
    }

    private Node secrets() {
        GridPane grid = grid();
        int line = 0;
        for (SecretRow row : model.secretRows()) {
            PasswordField field = new PasswordField();
            field.setId("secret-" + row.name().name().replace('.', '-'));
            field.setPromptText("enter to replace; empty and Save removes it");
            Button save = new Button("Save");
            save.setId("save-secret-" + row.name().name().replace('.', '-'));
            save.setOnAction(e -> {
                model.saveSecret(row, field.getText());
                field.clear();
            });
            field.setOnAction(save.getOnAction());
            Label status = new Label();
            status.textProperty().bind(row.status());
            status.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            Label error = new Label();
            error.textProperty().bind(row.error());
            error.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
            grid.add(new Label(row.label()), 0, line);
            VBox box = new VBox(4, new javafx.scene.layout.HBox(8, field, save), error);
            grid.add(box, 1, line);
            grid.add(status, 2, line);
            line++;
        }
        Label note = new Label("Secrets are kept in the Keychain on a Mac, else in an encrypted owner-only file; never in the settings file.");
        note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        note.setWrapText(true);
        return titled("Secrets", new VBox(8, note, grid));
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(12);
        ColumnConstraints labels = new ColumnConstraints(200);
        ColumnConstraints editors = new ColumnConstraints(280, 460, Double.MAX_VALUE);
        editors.setHgrow(Priority.ALWAYS);
        ColumnConstraints origins = new ColumnConstraints(120, 220, 320);
        grid.getColumnConstraints().addAll(labels, editors, origins);
        return grid;
    }

    private static Node titled(String name, Node body) {
        Label heading = new Label(name);
        heading.getStyleClass().add(Styles.TITLE_4);
        VBox box = new VBox(12, heading, body);
        box.setAlignment(Pos.TOP_LEFT);
        return box;
    }
}
