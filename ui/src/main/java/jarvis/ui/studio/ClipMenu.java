package jarvis.ui.studio;

import jarvis.audio.compose.GeneralMidi;
import jarvis.audio.compose.Part;
import jarvis.audio.timeline.Clip;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * The menu a right click on a clip opens: split, duplicate and delete; and for a part written here, the same notes
 * played by another General MIDI instrument (by family, as the standard groups them) and its MIDI saved as a file.
 */
final class ClipMenu {

    private ClipMenu() {}

    /**
     * The menu for {@code clip}; {@code chooseMidiFile} asks the person where to save a MIDI file (empty when they
     * cancel), given a name to suggest.
     */
    static ContextMenu of(StudioViewModel model, Clip clip, Function<String, Optional<Path>> chooseMidiFile) {
        MenuItem split = item("Split at the playhead", "clip-split", model::splitAtPlayhead);
        MenuItem duplicate = item("Duplicate", "clip-duplicate", model::duplicateSelected);
        MenuItem delete = item("Delete", "clip-delete", model::deleteSelected);
        ContextMenu menu = new ContextMenu(split, duplicate, delete);
        Optional<Part> part = model.partOfClip(clip.id());
        if (part.isPresent()) {
            menu.getItems().add(new SeparatorMenuItem());
            menu.getItems().add(instruments(model, clip, part.get()));
            String suggested = part.get().label().replace(' ', '-') + ".mid";
            menu.getItems().add(item("Export MIDI…", "clip-export-midi",
                    () -> chooseMidiFile.apply(suggested).ifPresent(file -> model.exportMidi(clip.id(), file))));
        }
        return menu;
    }

    /** "Play with": sixteen families, eight instruments each; the one playing now is marked and left out. */
    private static Menu instruments(StudioViewModel model, Clip clip, Part part) {
        Menu playWith = new Menu("Play with");
        playWith.setId("clip-play-with");
        if (part.kind() == Part.Kind.DRUMS) {
            playWith.setText("Play with (drums play the General MIDI kit)");
            playWith.setDisable(true);
            return playWith;
        }
        for (int f = 0; f < GeneralMidi.FAMILIES.size(); f++) {
            Menu family = new Menu(GeneralMidi.FAMILIES.get(f));
            family.setId("clip-family-" + f);
            for (String instrument : GeneralMidi.family(f)) {
                MenuItem choice = item(instrument.replace('_', ' '), "clip-instrument-" + instrument,
                        () -> model.changeInstrument(clip.id(), instrument));
                choice.setDisable(instrument.equals(part.instrument()));
                family.getItems().add(choice);
            }
            playWith.getItems().add(family);
        }
        return playWith;
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }
}
