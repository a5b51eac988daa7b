package jarvis.audio.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PartSchemaTest {

    @Test
    void aDrumPartIsReadQuantisedAndSorted() throws Exception {
        Part part = PartSchema.read("""
                {"kind":"drums","instrument":"acoustic_grand_piano","bpm":85,"bars":1,"beatsPerBar":4,"notes":[
                  {"start":1.02,"length":0.1,"drum":"snare","velocity":100},
                  {"start":0,"length":0.5,"drum":"kick","velocity":110},
                  {"start":0.49,"length":0,"drum":"closed_hat","velocity":60}]}""");

        assertThat(part.kind()).isEqualTo(Part.Kind.DRUMS);
        assertThat(part.beats()).isEqualTo(4);
        assertThat(part.notes()).extracting(Part.Note::start).containsExactly(0.0, 0.5, 1.0);
        assertThat(part.notes()).extracting(Part.Note::key).containsExactly(36, 42, 38);
        assertThat(part.notes().get(2).length()).as("at least a sixteenth").isEqualTo(0.25);
        assertThat(part.notes().get(1).length()).as("a hit written 0 long (small models do) is a sixteenth too").isEqualTo(0.25);
    }

    @Test
    void aMelodicPartKeepsItsInstrumentAndEndsInsideThePart() throws Exception {
        Part part = PartSchema.read("""
                {"kind":"melodic","instrument":"electric_bass_finger","bpm":120,"bars":2,"beatsPerBar":4,"notes":[
                  {"start":0,"length":1,"pitch":40,"velocity":90},
                  {"start":7,"length":4,"pitch":43,"velocity":90}]}""");

        assertThat(part.instrument()).isEqualTo("electric_bass_finger");
        assertThat(part.notes().get(1).length()).as("cut at the part's end").isEqualTo(1.0);
        assertThat(PartSchema.read(PartSchema.write(part))).as("written and read back").isEqualTo(part);
    }

    @Test
    void whatIsWrongIsSaidInWordsAModelCanRepairFrom() {
        assertThatThrownBy(() -> PartSchema.read("not json")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> PartSchema.read("""
                {"kind":"drums","instrument":"acoustic_grand_piano","bpm":85,"bars":1,"beatsPerBar":4,"notes":[{"start":0,"length":1,"drum":"cowbel","velocity":100}]}"""))
                .hasMessageContaining("does not follow the schema").hasMessageContaining("drum");
        assertThatThrownBy(() -> PartSchema.read("""
                {"kind":"drums","instrument":"acoustic_grand_piano","bpm":85,"bars":1,"beatsPerBar":4,"notes":[{"start":0,"length":1,"pitch":36,"velocity":100},
                                                           {"start":9,"length":1,"drum":"kick","velocity":100}]}"""))
                .hasMessageContaining("note 1 of a drum part names no drum");
        assertThatThrownBy(() -> PartSchema.read("""
                {"kind":"melodic","instrument":"flute","bpm":300,"bars":1,"beatsPerBar":4,"notes":[]}""")).hasMessageContaining("does not follow the schema");
    }

    @Test
    void notesPastTheBarsLengthenThePartAndRoundingNeverPushesANoteOut() throws Exception {
        Part part = PartSchema.read("""
                {"kind":"melodic","instrument":"flute","bpm":120,"bars":1,"beatsPerBar":4,"notes":[
                  {"start":9,"length":1,"pitch":60,"velocity":90},
                  {"start":11.9,"length":0.5,"pitch":62,"velocity":90},
                  {"start":9,"length":1,"pitch":60,"velocity":80}]}""");

        assertThat(part.bars()).as("a note in bar 3 makes the part three bars").isEqualTo(3);
        assertThat(part.notes()).extracting(Part.Note::start).as("the same note twice kept once; 11.9 on the grid inside").containsExactly(9.0, 11.75);
    }

    @Test
    void theSchemaNamesEveryInstrumentAndDrum() {
        assertThat(PartSchema.schema().path("properties").path("instrument").path("enum")).hasSize(128);
        assertThat(PartSchema.schema().path("properties").path("notes").path("items").path("anyOf").get(0).path("properties").path("drum")
                .path("enum")).as("General MIDI's drum kit, keys 35 to 81").hasSize(47);
        assertThat(GeneralMidi.program("Electric Bass Finger")).isEqualTo(33);
    }
}
