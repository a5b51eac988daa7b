package jarvis.ui.cad;

import atlantafx.base.theme.Styles;
import jarvis.cad.parts.Parts;
import jarvis.orchestrator.artifacts.Artifact;
import java.nio.file.Path;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** A part in the CAD area's list: its picture, its file name and newest version, and where it came from (a file, or words). */
final class PartCell extends ListCell<Artifact> {

    private static final double PICTURE = 48;

    private final CadViewModel model;
    private final ImageView picture = new ImageView();
    private final Label name = new Label();
    private final Label origin = new Label();
    private final HBox row;

    PartCell(CadViewModel model) {
        this.model = model;
        picture.setFitWidth(PICTURE);
        picture.setFitHeight(PICTURE);
        picture.setPreserveRatio(true);
        picture.setSmooth(true);
        origin.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        origin.setMaxWidth(150);
        VBox words = new VBox(2, name, origin);
        words.setAlignment(Pos.CENTER_LEFT);
        row = new HBox(8, picture, words);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setMinHeight(PICTURE);
    }

    @Override
    protected void updateItem(Artifact part, boolean empty) {
        super.updateItem(part, empty);
        if (empty || part == null) {
            setGraphic(null);
            setTooltip(null);
            return;
        }
        Image image = model.thumbnails().get(part.id());
        picture.setImage(image);
        picture.setId("cad-thumbnail-" + Parts.stem(Parts.fileName(part)));
        name.setText(Parts.fileName(part) + "  v" + part.version());
        origin.setText(origin(part));
        setText(null);
        setGraphic(row);
        setTooltip(new Tooltip(part.metadata().containsKey("prompt") ? "Made from words: " + part.metadata().get("prompt")
                : "From " + part.metadata().getOrDefault("source", "an earlier Jarvis")));
    }

    /** Where a version came from, in a few words: the words it was made from, or the file's name. */
    static String origin(Artifact part) {
        String prompt = part.metadata().getOrDefault("prompt", "");
        if (!prompt.isBlank()) {
            return (part.metadata().getOrDefault("source", "").contains("Zoo") ? "Zoo: " : "words: ") + "\u201c" + prompt + "\u201d";
        }
        String source = part.metadata().getOrDefault("source", "");
        return source.isBlank() ? "stored part" : "file " + Path.of(source).getFileName();
    }
}
