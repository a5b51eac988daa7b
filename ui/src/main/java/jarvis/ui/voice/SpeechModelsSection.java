package jarvis.ui.voice;

import atlantafx.base.theme.Styles;
import jarvis.audio.voice.WhisperModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Settings' speech models: whisper.cpp's standard models with their size, the ones in the models folder, the one in
 * use; a download (a job, with progress, checked against its SHA-1) and a choice of model.
 */
public final class SpeechModelsSection extends VBox {

    /** Downloads a model as a job; completes with its file. */
    public interface Downloads {
        CompletableFuture<Path> download(WhisperModels.Known model, DoubleConsumer progress);
    }

    private final WhisperModels models;
    private final Supplier<String> chosen;
    private final Consumer<String> choose;
    private final Downloads downloads;
    private final Executor ui;
    private final VBox rows = new VBox(6);
    private final Label message = new Label();
    private final Map<String, Double> downloading = new HashMap<>();

    /**
     * @param chosen what the setting names now; {@code choose} sets it
     */
    public SpeechModelsSection(WhisperModels models, Supplier<String> chosen, Consumer<String> choose, Downloads downloads, Executor ui) {
        super(10);
        this.models = models;
        this.chosen = chosen;
        this.choose = choose;
        this.downloads = downloads;
        this.ui = ui;
        setId("speech-models");
        Label what = new Label("Whisper hears you on this machine with one of these models, kept in " + models.folder() + ". The .en ones hear "
                + "English only, and hear it better.");
        what.getStyleClass().add(Styles.TEXT_MUTED);
        what.setWrapText(true);
        what.setMinWidth(0);
        message.setId("speech-models-message");
        message.setWrapText(true);
        message.setMinWidth(0);
        getChildren().addAll(what, rows, message);
        render();
    }

    private void render() {
        rows.getChildren().clear();
        Path inUse = inUse();
        for (WhisperModels.Known known : WhisperModels.KNOWN) {
            rows.getChildren().add(row(known.name(), known.file(), String.format(Locale.ROOT, "%.0f MB", known.bytes() / 1e6), inUse, known));
        }
        // Models put in the folder by hand: chosen the same way.
        for (Path other : models.installed()) {
            String file = other.getFileName().toString();
            if (WhisperModels.KNOWN.stream().noneMatch(k -> k.file().equals(file))) {
                rows.getChildren().add(row(file, file, size(other), inUse, null));
            }
        }
    }

    /** A model's row: its name and size, and Download, Use or "In use". */
    private HBox row(String title, String fileName, String megabytes, Path inUse, WhisperModels.Known known) {
        Path file = models.folder().resolve(fileName);
        boolean here = Files.isRegularFile(file);
        Label name = new Label(title);
        name.getStyleClass().add(Styles.TEXT_BOLD);
        name.setMinWidth(80);
        Label size = new Label(megabytes);
        size.getStyleClass().add(Styles.TEXT_MUTED);
        size.setMinWidth(70);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox row = new HBox(10, name, size, gap);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setId("speech-model-" + title.replace('.', '-'));
        if (known != null && downloading.containsKey(known.name())) {
            ProgressBar progress = new ProgressBar(downloading.get(known.name()));
            progress.setPrefWidth(160);
            row.getChildren().add(progress);
        } else if (!here && known != null) {
            Button download = new Button("Download", FontIcon.of(Feather.DOWNLOAD));
            download.getStyleClass().add(Styles.SMALL);
            download.setOnAction(e -> download(known));
            row.getChildren().add(download);
        } else if (file.equals(inUse)) {
            Label using = new Label("In use");
            using.getStyleClass().add(Styles.SUCCESS);
            row.getChildren().add(using);
        } else {
            Button use = new Button("Use");
            use.getStyleClass().add(Styles.SMALL);
            use.setOnAction(e -> {
                choose.accept(known != null ? known.name() : file.toString());
                render();
            });
            row.getChildren().add(use);
        }
        return row;
    }

    private static String size(Path file) {
        try {
            return String.format(Locale.ROOT, "%.0f MB", Files.size(file) / 1e6);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private Path inUse() {
        try {
            return models.resolve(chosen.get());
        } catch (Exception e) {
            return null;
        }
    }

    private void download(WhisperModels.Known known) {
        downloading.put(known.name(), 0.0);
        message.setText("");
        render();
        downloads.download(known, fraction -> ui.execute(() -> {
            // Drawn again a percent at a time.
            Double before = downloading.get(known.name());
            if (before != null && (int) (fraction * 100) != (int) (before * 100)) {
                downloading.put(known.name(), fraction);
                render();
            }
        })).whenCompleteAsync((file, failure) -> {
            downloading.remove(known.name());
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                message.setText(cause.getMessage());
            } else {
                message.setText(known.name() + " is ready" + (chosen.get().isBlank() ? " and in use." : ": choose Use to hear with it."));
            }
            render();
        }, ui);
    }
}
