package jarvis.audio.compose;

import java.util.List;

/**
 * A part a model wrote: drums or one melodic instrument, its tempo and length in bars, and its notes with start and
 * length in beats (quantised to sixteenths), key (a pitch, or a drum's key) and velocity.
 */
public record Part(Kind kind, String instrument, double bpm, int bars, int beatsPerBar, List<Note> notes) {

    /** Drums play on General MIDI's channel 10; a melodic part on its own channel with its instrument. */
    public enum Kind { DRUMS, MELODIC }

    /** One note: start and length in beats, MIDI key, velocity 1 to 127. */
    public record Note(double start, double length, int key, int velocity) {}

    public Part {
        notes = List.copyOf(notes);
    }

    public double beats() {
        return bars * (double) beatsPerBar;
    }

    public double seconds() {
        return beats() * 60 / bpm;
    }

    /** "drums" or the instrument's name, for a track. */
    public String label() {
        return kind == Kind.DRUMS ? "drums" : instrument.replace('_', ' ');
    }
}
