package jarvis.ui.settings;

import atlantafx.base.theme.Styles;
import jarvis.orchestrator.models.ollama.LocalModel;
import jarvis.orchestrator.secrets.SecretName;
import jarvis.orchestrator.settings.SettingsSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The Settings area, built in code from the view model, in collapsible sections: Models, Cloud, Router, Storage,
 * Appearance and General. An API key sits beside its provider's address. Each field saves when it is committed
 * (Enter, leaving it); a choice saves once the person has settled on it, so stepping through themes with the arrow
 * keys applies only the last.
 */
public final class SettingsView extends ScrollPane {

    /** How long a choice must stay put before it is saved. */
    static final Duration SETTLE = Duration.millis(350);

    /** A section: its title, the settings groups it shows, and the secrets each kept after a given setting (or at the end). */
    private record Section(String title, List<String> groups, Map<SecretName, String> secretsAfter) {}

    private static final List<Section> SECTIONS = List.of(
            new Section("Models", List.of("Local model"), Map.of()),
            new Section("Cloud", List.of("Cloud model"), Map.of(
                    SecretName.OPENAI_API_KEY, SettingsSchema.OPENAI_BASE_URL.name(),
                    SecretName.ANTHROPIC_API_KEY, SettingsSchema.ANTHROPIC_BASE_URL.name())),
            new Section("Router", List.of("Routing"), Map.of()),
            new Section("Printers", List.of("Failure watch"), Map.of()),
            new Section("Storage", List.of("Artifacts"), Map.of(SecretName.S3_ACCESS_KEY, "", SecretName.S3_SECRET_KEY, "")),
            new Section("Voice", List.of("Voice"), Map.of()),
            new Section("Appearance", List.of("Appearance"), Map.of()),
            new Section("General", List.of("General", "Home Assistant"), Map.of(SecretName.HASS_TOKEN, SettingsSchema.HASS_URL.name())));

    private final SettingsViewModel model;
    private final ObservableList<LocalModel> installed;

    /** {@code printers}: the printers themselves, added and removed there; the failure watch's settings follow them. */
    public SettingsView(SettingsViewModel model, ModelsSection models, RouterSection router, Node printers, Node speechModels) {
        this.model = model;
        this.installed = models.installed();
        setId("settings-view");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        VBox page = new VBox(16);
        page.setPadding(new Insets(24));
        Label title = new Label("Settings");
        title.getStyleClass().add(Styles.TITLE_2);
        Label file = new Label("Saved in " + model.settingsFile());
        file.getStyleClass().add(Styles.TEXT_MUTED);
        file.setWrapText(true);
        file.setMinWidth(0);
        page.getChildren().addAll(title, file);
        List<String> problems = model.loadProblems();
        if (!problems.isEmpty()) {
            Label warning = new Label("The settings file had problems; Jarvis uses defaults for these until they are fixed:\n• "
                    + String.join("\n• ", problems));
            warning.setId("settings-problems");
            warning.setWrapText(true);
            warning.setMinWidth(0);
            warning.getStyleClass().add(Styles.DANGER);
            page.getChildren().add(warning);
        }
        Map<String, List<SettingRow>> groups = new LinkedHashMap<>(model.sections());
        List<SecretRow> secrets = new ArrayList<>(model.secretRows());
        for (Section section : SECTIONS) {
            List<Node> body = new ArrayList<>();
            switch (section.title()) {
                case "Models" -> body.add(models);
                case "Router" -> body.add(router);
                case "Printers" -> body.add(printers);
                case "Voice" -> body.add(speechModels);
                default -> { }
            }
            GridPane grid = grid();
            int line = 0;
            for (String group : section.groups()) {
                for (SettingRow row : groups.getOrDefault(group, List.of())) {
                    line = settingRow(grid, line, row);
                    for (SecretRow secret : secretsAfter(section, row.name(), secrets)) {
                        line = secretRow(grid, line, secret);
                    }
                }
                groups.remove(group);
            }
            for (SecretRow secret : secretsAfter(section, "", secrets)) {
                line = secretRow(grid, line, secret);
            }
            if (section.title().equals("General")) {
                // Whatever a later capability adds, in a group no section names, still shows.
                for (List<SettingRow> rest : groups.values()) {
                    for (SettingRow row : rest) {
                        line = settingRow(grid, line, row);
                    }
                }
                for (SecretRow secret : List.copyOf(secrets)) {
                    line = secretRow(grid, line, secret);
                    secrets.remove(secret);
                }
                Label note = new Label("Secrets are kept in the Keychain on a Mac, else in an encrypted owner-only file; never in the "
                        + "settings file.");
                note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
                note.setWrapText(true);
                note.setMinWidth(0);
                body.add(note);
            }
            body.add(grid);
            page.getChildren().add(section(section.title(), body));
        }
        setContent(page);
    }

    private static List<SecretRow> secretsAfter(Section section, String settingName, List<SecretRow> remaining) {
        List<SecretRow> found = remaining.stream()
                .filter(secret -> settingName.equals(section.secretsAfter().get(secret.name())))
                .toList();
        remaining.removeAll(found);
        return found;
    }

    private static TitledPane section(String title, List<Node> body) {
        VBox content = new VBox(14);
        content.getChildren().addAll(body);
        TitledPane pane = new TitledPane(title, content);
        pane.setId("settings-" + title.toLowerCase());
        pane.setExpanded(true);
        pane.setMinWidth(0);
        return pane;
    }

    private int settingRow(GridPane grid, int line, SettingRow row) {
        Node editor = editor(row);
        Label help = note(row.help(), Styles.TEXT_MUTED);
        Label origin = note("", Styles.TEXT_MUTED);
        origin.textProperty().bind(row.origin());
        origin.setId("origin-" + row.name().replace('.', '-'));
        Label error = note("", Styles.DANGER);
        error.setId("error-" + row.name().replace('.', '-'));
        error.textProperty().bind(row.error());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());
        grid.add(label(row.label()), 0, line);
        grid.add(new VBox(4, editor, error, help, origin), 1, line);
        return line + 1;
    }

    /** A setting's name, level with the first line of its field. */
    private static Label label(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinWidth(0);
        label.setPadding(new Insets(6, 0, 0, 0));
        GridPane.setValignment(label, VPos.TOP);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        return label;
    }

    private static Label note(String text, String style) {
        Label note = new Label(text);
        note.getStyleClass().addAll(Styles.TEXT_SMALL, style);
        note.setWrapText(true);
        note.setMinWidth(0);
        return note;
    }

    private Node editor(SettingRow row) {
        Node editor;
        if (row.name().equals(SettingsSchema.OLLAMA_MODEL.name())) {
            editor = installedModelChoice(row);
        } else {
            editor = switch (row.editor()) {
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
                case CHOICE -> choice(row);
                case TEXT -> {
                    TextField field = new TextField();
                    field.textProperty().bindBidirectional(row.text());
                    commitOnEnterOrLeaving(field, row);
                    row.error().addListener((obs, old, error) -> field.pseudoClassStateChanged(Styles.STATE_DANGER, !error.isEmpty()));
                    yield field;
                }
            };
        }
        editor.setId("setting-" + row.name().replace('.', '-'));
        editor.setDisable(!row.editable());
        if (editor instanceof Region region) {
            region.setMinWidth(0);
            region.setMaxWidth(Double.MAX_VALUE);
        }
        return editor;
    }

    private void commitOnEnterOrLeaving(TextField field, SettingRow row) {
        field.setOnAction(e -> model.commit(row));
        field.focusedProperty().addListener((obs, was, focused) -> {
            // Leaving the field commits it; a window that is closing takes the focus too, and commits nothing.
            boolean showing = field.getScene() != null && field.getScene().getWindow() != null
                    && field.getScene().getWindow().isShowing();
            if (!focused && showing) {
                model.commit(row);
            }
        });
    }

    /** A choice saves once it has stayed put for {@link #SETTLE}: arrow keys stepping through it save only where they stop. */
    private ComboBox<String> choice(SettingRow row) {
        ComboBox<String> box = new ComboBox<>();
        box.getItems().setAll(row.choices());
        box.setValue(row.text().get());
        row.text().addListener((obs, old, text) -> box.setValue(text));
        PauseTransition settle = new PauseTransition(SETTLE);
        settle.setOnFinished(e -> {
            if (box.getValue() != null && !box.getValue().equals(row.text().get())) {
                row.text().set(box.getValue());
                model.commit(row);
            }
        });
        box.valueProperty().addListener((obs, old, value) -> settle.playFromStart());
        return box;
    }

    /**
     * The default local model, chosen from the models Ollama has (without the ":latest" Ollama adds) or typed, for a
     * model not pulled yet.
     */
    private ComboBox<String> installedModelChoice(SettingRow row) {
        ComboBox<String> box = new ComboBox<>();
        box.setEditable(true);
        box.setPromptText("a model Ollama has, or one to pull");
        Runnable list = () -> box.getItems().setAll(installed.stream().map(local -> ModelsViewModel.shortName(local.name())).toList());
        list.run();
        installed.addListener((ListChangeListener<LocalModel>) change -> list.run());
        box.setValue(row.text().get());
        row.text().addListener((obs, old, text) -> box.setValue(text));
        box.valueProperty().addListener((obs, old, value) -> {
            if (value != null && !value.isBlank() && !value.equals(row.text().get())) {
                row.text().set(value.strip());
                model.commit(row);
            }
        });
        return box;
    }

    private int secretRow(GridPane grid, int line, SecretRow row) {
        PasswordField field = new PasswordField();
        field.setId("secret-" + row.name().name().replace('.', '-'));
        field.setPromptText("enter to replace; empty and Save removes it");
        field.setMinWidth(0);
        HBox.setHgrow(field, Priority.ALWAYS);
        Button save = new Button("Save");
        save.setId("save-secret-" + row.name().name().replace('.', '-'));
        save.setMinWidth(Region.USE_PREF_SIZE);
        save.setOnAction(e -> {
            model.saveSecret(row, field.getText());
            field.clear();
        });
        field.setOnAction(save.getOnAction());
        Label status = note("", Styles.TEXT_MUTED);
        status.textProperty().bind(row.status());
        Label error = note("", Styles.DANGER);
        error.textProperty().bind(row.error());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());
        HBox entry = new HBox(8, field, save);
        entry.setAlignment(Pos.CENTER_LEFT);
        grid.add(label(row.label()), 0, line);
        grid.add(new VBox(4, entry, error, status), 1, line);
        return line + 1;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(14);
        ColumnConstraints labels = new ColumnConstraints(110, 200, 220);
        ColumnConstraints editors = new ColumnConstraints(160, 460, Double.MAX_VALUE);
        editors.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, editors);
        return grid;
    }
}
