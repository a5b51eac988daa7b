package jarvis.ui.settings;

import atlantafx.base.theme.Styles;
import jarvis.orchestrator.models.ollama.LocalModel;
import java.util.Locale;
import java.util.TreeSet;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Settings' models section: Ollama's models with their capabilities, the default, a pull box with progress, the spend. */
public final class ModelsSection extends VBox {

    private final ModelsViewModel model;
    private final VBox rows = new VBox(6);

    public ModelsSection(ModelsViewModel model) {
        super(10);
        this.model = model;
        setId("models-section");
        Button refresh = new Button("Refresh", FontIcon.of(Feather.REFRESH_CW));
        refresh.getStyleClass().add(Styles.SMALL);
        refresh.setId("models-refresh");
        refresh.setOnAction(e -> model.refresh());
        Label what = new Label("The models Ollama has, and a new one to pull.");
        what.getStyleClass().add(Styles.TEXT_MUTED);
        what.setWrapText(true);
        what.setMinWidth(0);
        HBox.setHgrow(what, Priority.ALWAYS);
        HBox top = new HBox(12, what, refresh);
        top.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("models-message");
        message.setWrapText(true);
        message.textProperty().bind(model.message());
        message.getStyleClass().add(Styles.TEXT_MUTED);
        rows.setId("model-rows");
        model.models().addListener((ListChangeListener<LocalModel>) change -> render());

        TextField name = new TextField();
        name.setId("pull-name");
        name.setPromptText("Model to pull, such as qwen3:8b");
        name.textProperty().bindBidirectional(model.pullName());
        HBox.setHgrow(name, Priority.ALWAYS);
        Button pull = new Button("Pull", FontIcon.of(Feather.DOWNLOAD));
        pull.setId("pull-model");
        pull.setOnAction(e -> model.pull());
        name.setOnAction(pull.getOnAction());
        ProgressBar progress = new ProgressBar();
        progress.setId("pull-progress");
        progress.progressProperty().bind(model.pullProgress());
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.visibleProperty().bind(model.pullStatus().isNotEmpty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label status = new Label();
        status.setId("pull-status");
        status.textProperty().bind(model.pullStatus());
        status.getStyleClass().add(Styles.TEXT_SMALL);
        status.setWrapText(true);
        status.setMinWidth(0);
        // A failed pull is an error with its reason, not a quiet grey line.
        Runnable look = () -> {
            status.getStyleClass().removeAll(Styles.TEXT_MUTED, Styles.DANGER);
            status.getStyleClass().add(model.pullFailed().get() ? Styles.DANGER : Styles.TEXT_MUTED);
        };
        look.run();
        model.pullFailed().addListener((obs, was, failed) -> look.run());
        Label spend = new Label();
        spend.setId("cloud-spend");
        spend.textProperty().bind(model.spend());
        pull.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        spend.setWrapText(true);
        spend.setMinWidth(0);
        name.setMinWidth(0);
        getChildren().addAll(top, message, rows, new HBox(8, name, pull), progress, status, spend);
        model.refresh();
    }

    /** The models Ollama has, as last listed. */
    public ObservableList<LocalModel> installed() {
        return model.models();
    }

    private void render() {
        rows.getChildren().setAll(model.models().stream().map(this::row).toList());
    }

    private FlowPane row(LocalModel local) {
        Label name = new Label(local.name());
        name.getStyleClass().add(Styles.TEXT_BOLD);
        name.setMinWidth(Region.USE_PREF_SIZE);
        Label details = new Label(String.format(Locale.ROOT, "%s %s %s · %.1f GB", local.family(), local.parameterSize(),
                local.quantization(), local.sizeBytes() / 1e9));
        details.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        HBox capabilities = new HBox(4);
        for (String capability : new TreeSet<>(local.capabilities())) {
            Label chip = new Label(capability);
            chip.getStyleClass().add(Styles.TEXT_SMALL);
            chip.setStyle("-fx-background-color: -color-neutral-subtle; -fx-background-radius: 8; -fx-padding: 0 6 0 6;");
            capabilities.getChildren().add(chip);
        }
        FlowPane row = new FlowPane(12, 4, name, details, capabilities);
        row.setAlignment(Pos.CENTER_LEFT);
        if (model.isDefault(local)) {
            Label chosen = new Label("default", FontIcon.of(Feather.CHECK));
            chosen.getStyleClass().add(Styles.SUCCESS);
            row.getChildren().add(chosen);
        } else {
            Button use = new Button("Use as default");
            use.setId("use-" + ModelsViewModel.shortName(local.name()).replaceAll("[^A-Za-z0-9]", "-"));
            use.getStyleClass().add(Styles.SMALL);
            use.setOnAction(e -> model.useAsDefault(local));
            row.getChildren().add(use);
        }
        return row;
    }
}
