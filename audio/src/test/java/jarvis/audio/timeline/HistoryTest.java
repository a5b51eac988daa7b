package jarvis.audio.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HistoryTest {

    private static final long SECOND = Timing.RATE;

    private final List<Project> heard = new ArrayList<>();

    private static Project twoTracks() {
        Track drums = Track.empty("t1", "Drums").withClip(Clip.of("c1", "s1", 0, 4 * SECOND));
        Track bass = Track.empty("t2", "Bass").withClip(Clip.of("c2", "s2", 2 * SECOND, 3 * SECOND));
        return Project.empty("p", "Song").withTracks(List.of(drums, bass));
    }

    /** Every kind of edit, each applied to the project the one before made. */
    private static List<Edit> everyEdit() {
        return List.of(new Edit.MoveClip("c1", "t2", 6 * SECOND), new Edit.TrimStart("c2", 3 * SECOND), new Edit.TrimEnd("c2", 4 * SECOND, 3 * SECOND),
                new Edit.SplitClip("c1", 8 * SECOND, "c3"), new Edit.DuplicateClip("c3", "c4", 20 * SECOND), new Edit.DeleteClip("c4"),
                new Edit.AddTrack(5, Track.empty("t3", "Keys")), new Edit.AddClip("t3", Clip.of("c5", "s3", 0, SECOND)),
                new Edit.SetFades("c5", SECOND / 4, SECOND / 2), new Edit.SetClipGain("c5", 0.5), new Edit.RenameTrack("t3", " Piano "),
                new Edit.ReplaceSource("t3", "s3", "s4", 2 * SECOND, "Piano", "vibraphone"),
                new Edit.SetMute("t1", true), new Edit.SetSolo("t2", true), new Edit.SetVolume("t2", -6), new Edit.SetPan("t2", -0.5),
                new Edit.SetLoop(Optional.of(new Project.Loop(0, 4 * SECOND))), new Edit.TurnLoop(false), new Edit.SetTempo(85), new Edit.RemoveTrack("t1"));
    }

    @Test
    void everyEditUndoesToTheProjectBeforeItAndRedoesToTheSameProject() {
        History history = new History(twoTracks(), heard::add);
        List<Project> states = new ArrayList<>(List.of(history.project()));
        for (Edit edit : everyEdit()) {
            Project next = history.perform(edit);
            assertThat(next).as(edit.label()).isNotEqualTo(states.getLast());
            states.add(next);
        }
        for (int i = states.size() - 1; i > 0; i--) {
            history.undo();
            assertThat(history.project()).isEqualTo(states.get(i - 1));
        }
        assertThat(history.canUndo()).isFalse();
        for (int i = 1; i < states.size(); i++) {
            history.redo();
            assertThat(history.project()).isEqualTo(states.get(i));
        }
        assertThat(history.canRedo()).isFalse();
        assertThat(heard.getLast()).isEqualTo(states.getLast());
    }

    @Test
    void eachEditDoesWhatItsNameSays() {
        History history = new History(twoTracks(), heard::add);
        history.perform(new Edit.MoveClip("c1", "t2", 6 * SECOND));
        assertThat(history.project().requireTrack("t1").clips()).isEmpty();
        assertThat(history.project().requireTrack("t2").clips()).extracting(Clip::id).containsExactly("c2", "c1");
        history.perform(new Edit.SplitClip("c1", 7 * SECOND, "c3"));
        Clip left = history.project().requireClip("c1");
        Clip right = history.project().requireClip("c3");
        assertThat(left.length()).isEqualTo(SECOND);
        assertThat(right.start()).isEqualTo(7 * SECOND);
        assertThat(right.offset()).as("the right part plays on from where the cut was").isEqualTo(SECOND);
        assertThat(left.length() + right.length()).isEqualTo(4 * SECOND);
        history.perform(new Edit.TrimStart("c3", 8 * SECOND));
        assertThat(history.project().requireClip("c3").offset()).as("the audio stays put under a trimmed edge").isEqualTo(2 * SECOND);
        history.perform(new Edit.SetMute("t2", true));
        assertThat(history.undoLabel()).contains("Mute track");
    }

    @Test
    void aDragIsOneStepWhateverItPassedThrough() {
        History history = new History(twoTracks(), heard::add);
        Project before = history.project();
        History.Gesture drag = history.begin();
        for (long start = 0; start <= 10 * SECOND; start += SECOND) {
            drag.update(new Edit.MoveClip("c2", "t2", start));
        }
        drag.commit();
        assertThat(history.project().requireClip("c2").start()).isEqualTo(10 * SECOND);
        assertThat(heard).as("every step of the drag is shown").hasSizeGreaterThan(5);
        history.undo();
        assertThat(history.project()).isEqualTo(before);
        assertThat(history.canUndo()).as("the drag was one step").isFalse();
    }

    @Test
    void escapeDuringADragPutsTheProjectBack() {
        History history = new History(twoTracks(), heard::add);
        Project before = history.project();
        History.Gesture drag = history.begin();
        drag.update(new Edit.TrimEnd("c1", SECOND, 4 * SECOND));
        assertThat(history.project()).isNotEqualTo(before);
        drag.cancel();
        assertThat(history.project()).isEqualTo(before);
        assertThat(history.canUndo()).isFalse();
    }

    @Test
    void anEditThatCannotApplyChangesNothing() {
        History history = new History(twoTracks(), heard::add);
        Project before = history.project();
        assertThatThrownBy(() -> history.perform(new Edit.SplitClip("c1", 9 * SECOND, "c9"))).hasMessageContaining("not inside the clip");
        assertThatThrownBy(() -> history.perform(new Edit.DeleteClip("nope"))).hasMessageContaining("no clip nope");
        assertThat(history.project()).isEqualTo(before);
        assertThat(history.canUndo()).isFalse();
    }

    @Test
    void aNewEditAfterUndoDropsWhatCouldBeRedone() {
        History history = new History(twoTracks(), heard::add);
        history.perform(new Edit.SetTempo(90));
        history.undo();
        history.perform(new Edit.SetTempo(100));
        assertThat(history.canRedo()).isFalse();
        assertThat(history.project().timing().bpm()).isEqualTo(100);
    }

    @Test
    void anotherInstrumentPlaysTheSameWindowsOfItsTrack() {
        Track keys = Track.empty("t3", "piano").withClip(new Clip("k1", "part", SECOND, 0, 2 * SECOND, 0.8, SECOND / 4, SECOND))
                .withClip(new Clip("k2", "part", 4 * SECOND, SECOND, SECOND, 1, 0, 0)).withClip(Clip.of("k3", "other", 6 * SECOND, SECOND));
        History history = new History(twoTracks().withTrack(2, keys), heard::add);
        Project changed = history.perform(new Edit.ReplaceSource("t3", "part", "organ", 3 * SECOND / 2, "piano", "drawbar organ"));
        Track now = changed.requireTrack("t3");
        assertThat(now.name()).isEqualTo("drawbar organ");
        assertThat(now.clip("k1").orElseThrow()).as("shortened to the new sound, fades kept inside it")
                .isEqualTo(new Clip("k1", "organ", SECOND, 0, 3 * SECOND / 2, 0.8, SECOND / 4, SECOND));
        assertThat(now.clip("k2").orElseThrow()).isEqualTo(new Clip("k2", "organ", 4 * SECOND, SECOND, SECOND / 2, 1, 0, 0));
        assertThat(now.clip("k3").orElseThrow().sourceId()).as("another sound on the track is left alone").isEqualTo("other");
        assertThatThrownBy(() -> history.perform(new Edit.ReplaceSource("t3", "part", "x", SECOND, "x", "x"))).hasMessageContaining("no clip of that sound");
        history.perform(new Edit.RenameTrack("t3", "Chords"));
        assertThat(history.perform(new Edit.ReplaceSource("t3", "organ", "strings", 2 * SECOND, "drawbar organ", "string ensemble 1"))
                .requireTrack("t3").name()).as("a name the person gave is kept").isEqualTo("Chords");
        history.undo();
        history.undo();
        history.undo();
        assertThat(history.project().requireTrack("t3")).isEqualTo(keys);
    }

    @Test
    void trimsStopAtTheSourceEnds() {
        Clip clip = new Clip("c", "s", SECOND, SECOND / 2, SECOND, 1, 0, 0);
        assertThat(clip.trimmedStartTo(0).start()).as("no earlier than the source's first frame").isEqualTo(SECOND / 2);
        assertThat(clip.trimmedStartTo(0).offset()).isZero();
        assertThat(clip.trimmedEndTo(100 * SECOND, 2 * SECOND).end()).as("no later than the source's last frame").isEqualTo(SECOND + SECOND * 3 / 2);
        assertThat(clip.trimmedEndTo(0, 2 * SECOND).length()).as("a clip keeps at least a frame").isEqualTo(1);
    }

    @Test
    void positionsReadAsBarsAndBeats() {
        Timing timing = Timing.standard().withTempo(120);
        assertThat(timing.barsAndBeats(0)).isEqualTo("1.1.000");
        assertThat(timing.barsAndBeats(timing.frameAtBeat(5.5))).isEqualTo("2.2.240");
        assertThat(timing.clock(timing.frames(65.25))).isEqualTo("1:05.250");
    }
}
