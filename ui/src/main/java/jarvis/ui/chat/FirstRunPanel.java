package jarvis.ui.chat;

import atlantafx.base.theme.Styles;
import jarvis.orchestrator.models.ollama.LocalModel;
import jarvis.ui.settings.ModelsViewModel;
import java.util.stream.Collectors;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The first-run panel in an empty chat: whether Ollama answers at its address (and how to install or start it on a
 * Mac when it does not), the models it has with a one-click pull of the default one, and the optional cloud model
 * with its key. It shows only while no local model can answer, and looks again every few seconds while it shows.
 */
public final class FirstRunPanel extends VBox {

    private static final Duration LOOK_AGAIN = Duration.seconds(5);

    public FirstRunPanel(FirstRunViewModel model) {
        super(12);
        setId("first-run");
        setPadding(new Insets(16));
        setMaxWidth(640);
        setMinWidth(0);
        setStyle("-fx-background-color: -color-bg-subtle; -fx-background-radius: 10; -fx-border-color: -color-border-muted; "
                + "-fx-border-radius: 10;");
        visibleProperty().bind(model.needed());
        managedProperty().bind(visibleProperty());
        lookAgainWhileShown(model);
        // Most starts never need the panel: it is made the first time it is needed, not before the first frame.
        if (model.needed().get()) {
            build(model);
        } else {
            model.needed().addListener(new ChangeListener<>() {
                @Override
                public void changed(ObservableValue<? extends Boolean> obs, Boolean was, Boolean needed) {
                    if (needed) {
                        model.needed().removeListener(this);
                        build(model);
                    }
                }
            });
        }
    }

    private void build(FirstRunViewModel model) {
        ModelsViewModel models = model.models();

        Label title = new Label("Set up the model on this machine");
        title.getStyleClass().add(Styles.TITLE_4);
        Label why = text("Jarvis answers with a model on this Mac first (through Ollama), so most questions never leave it.");
        why.getStyleClass().add(Styles.TEXT_MUTED);

        Label ollama = text("");
        ollama.setId("first-run-ollama");
        ollama.graphicProperty().bind(models.reachable().map(up -> FontIcon.of(up ? Feather.CHECK_CIRCLE : Feather.X_CIRCLE, 16)));
        ollama.textProperty().bind(models.reachable().map(up -> up ? "Ollama answers at " + model.address() + "."
                : "Ollama does not answer at " + model.address() + "."));
        Label install = text("Install it from ollama.com/download (or run 'brew install ollama'), then open the Ollama app "
                + "(or run 'ollama serve' in a terminal). A different address goes in Settings → Models.");
        install.setId("first-run-install");
        install.visibleProperty().bind(models.reachable().map(up -> !up).orElse(false));
        install.managedProperty().bind(install.visibleProperty());
        Button again = new Button("Check again", FontIcon.of(Feather.REFRESH_CW));
        again.setId("first-run-check");
        again.getStyleClass().add(Styles.SMALL);
        again.setMinWidth(Region.USE_PREF_SIZE);
        again.setOnAction(e -> model.check());

        Label installed = text("");
        installed.setId("first-run-models");
        installed.textProperty().bind(Bindings.createStringBinding(() -> models.models().isEmpty() ? "Ollama has no models yet."
                : "Ollama has " + models.models().stream().map(LocalModel::name).map(ModelsViewModel::shortName)
                .collect(Collectors.joining(", ")) + ", but not " + model.defaultModel() + ", the model Jarvis asks first.",
                models.models(), models.listings()));
        Button pull = new Button(null, FontIcon.of(Feather.DOWNLOAD));
        pull.textProperty().bind(models.listings().map(any -> "Pull " + model.defaultModel() + " (recommended: small and quick)"));
        pull.setId("first-run-pull");
        pull.getStyleClass().add(Styles.ACCENT);
        pull.setMinWidth(Region.USE_PREF_SIZE);
        pull.setOnAction(e -> model.pullDefault());
        ProgressBar progress = new ProgressBar();
        progress.setId("first-run-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(models.pullProgress());
        progress.visibleProperty().bind(models.pullStatus().isNotEmpty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label pullStatus = text("");
        pullStatus.textProperty().bind(models.pullStatus());
        pullStatus.getStyleClass().add(Styles.TEXT_SMALL);
        VBox modelsStep = new VBox(6, installed, pull, progress, pullStatus);
        modelsStep.visibleProperty().bind(models.reachable().orElse(false));
        modelsStep.managedProperty().bind(modelsStep.visibleProperty());

        Label cloud = text("Optional: a cloud model for the questions the local one cannot answer well. Paste its API key:");
        ComboBox<FirstRunViewModel.CloudChoice> provider = new ComboBox<>();
        provider.getItems().setAll(FirstRunViewModel.CloudChoice.values());
        provider.setValue(FirstRunViewModel.CloudChoice.OPENAI);
        provider.setMinWidth(Region.USE_PREF_SIZE);
        PasswordField key = new PasswordField();
        key.setId("first-run-key");
        key.setPromptText("API key");
        key.setMinWidth(0);
        HBox.setHgrow(key, Priority.ALWAYS);
        Button save = new Button("Save");
        save.setId("first-run-save-key");
        save.setMinWidth(Region.USE_PREF_SIZE);
        save.setOnAction(e -> {
            model.saveCloudKey(provider.getValue(), key.getText());
            key.clear();
        });
        key.setOnAction(save.getOnAction());
        HBox keyRow = new HBox(8, provider, key, save);
        keyRow.setAlignment(Pos.CENTER_LEFT);
        Label cloudStatus = text("");
        cloudStatus.setId("first-run-cloud-status");
        cloudStatus.textProperty().bind(model.cloudStatus());
        cloudStatus.getStyleClass().add(Styles.TEXT_SMALL);

        HBox ollamaRow = new HBox(8, ollama, again);
        ollamaRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(ollama, Priority.ALWAYS);
        getChildren().addAll(title, why, ollamaRow, install, modelsStep, cloud, keyRow, cloudStatus);
    }

    private static Label text(String content) {
        Label label = new Label(content);
        label.setWrapText(true);
        label.setMinWidth(0);
        return label;
    }

    /**
     * While the panel shows in a window on screen, Ollama is asked again every few seconds, so starting it makes the
     * panel go by itself; a hidden or closed window asks nothing.
     */
    private void lookAgainWhileShown(FirstRunViewModel model) {
        Timeline looks = new Timeline(new KeyFrame(LOOK_AGAIN, e -> model.check()));
        looks.setCycleCount(Timeline.INDEFINITE);
        ObservableValue<Boolean> onScreen = sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::showingProperty).orElse(false);
        Runnable update = () -> {
            if (isVisible() && onScreen.getValue()) {
                looks.play();
            } else {
                looks.stop();
            }
        };
        visibleProperty().addListener((obs, was, now) -> update.run());
        onScreen.addListener((obs, was, now) -> update.run());
    }
}
