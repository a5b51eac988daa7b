package jarvis.audio.compose;

import com.sun.media.sound.AudioSynthesizer;
import jarvis.audio.source.Audio;
import jarvis.audio.source.Progress;
import jarvis.audio.timeline.Timing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Soundbank;
import javax.sound.midi.Track;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;

/**
 * Turns parts into MIDI and into sound: each part a track of a MIDI sequence (drums on channel 10, each melodic part on
 * a channel of its own with its General MIDI instrument), and the sequence played offline by the JDK's software
 * synthesizer (Gervill) into 48 kHz stereo, as fast as the machine goes, with no sound device. The instruments come
 * from a General MIDI soundfont when one is given (Debian's TimGM6mb, or one a person picks), else from the sounds
 * Gervill generates itself (plain, but there on every machine).
 */
public final class PartRenderer {

    /** MIDI ticks a beat. */
    static final int PPQ = 480;
    /** Time left after the last note for its release and the reverb to die away. */
    private static final double TAIL_SECONDS = 1.5;
    private static final AudioFormat FLOATS = new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, Timing.RATE, 32, 2, 8, Timing.RATE, false);

    private final Optional<Path> soundfont;

    /** @param soundfont a General MIDI .sf2 or .dls file, or empty for the JDK's built-in sounds */
    public PartRenderer(Optional<Path> soundfont) {
        this.soundfont = soundfont;
    }

    /** The soundfont to use: the configured one, else Debian's TimGM6mb where it is installed, else none. */
    public static Optional<Path> findSoundfont(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured.strip()));
        }
        return List.of(Path.of("/usr/share/sounds/sf2/TimGM6mb.sf2"), Path.of("/usr/share/sounds/sf2/FluidR3_GM.sf2")).stream()
                .filter(Files::isReadable).findFirst();
    }

    public String describe() {
        return soundfont.map(p -> p.getFileName().toString()).orElse("the JDK's built-in sounds");
    }

    /** The parts as one MIDI sequence at the first part's tempo (all parts share it). */
    public static Sequence sequence(List<Part> parts) throws PartException {
        try {
            Sequence sequence = new Sequence(Sequence.PPQ, PPQ);
            double bpm = parts.getFirst().bpm();
            Track conductor = sequence.createTrack();
            int microsPerBeat = (int) Math.round(60_000_000 / bpm);
            conductor.add(new MidiEvent(new javax.sound.midi.MetaMessage(0x51, new byte[] {(byte) (microsPerBeat >> 16), (byte) (microsPerBeat >> 8),
                    (byte) microsPerBeat}, 3), 0));
            int nextChannel = 0;
            for (Part part : parts) {
                int channel = part.kind() == Part.Kind.DRUMS ? 9 : nextChannel++;
                if (nextChannel == 9) {
                    nextChannel++;
                }
                if (channel > 15) {
                    throw new PartException("More than 15 melodic parts cannot share one MIDI sequence.");
                }
                Track track = sequence.createTrack();
                if (part.kind() == Part.Kind.MELODIC) {
                    track.add(new MidiEvent(new ShortMessage(ShortMessage.PROGRAM_CHANGE, channel, Math.max(0, GeneralMidi.program(part.instrument())), 0),
                            0));
                }
                for (Part.Note note : part.notes()) {
                    long on = Math.round(note.start() * PPQ);
                    long off = Math.round((note.start() + note.length()) * PPQ) - 1;
                    track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, channel, note.key(), note.velocity()), on));
                    track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, channel, note.key(), 0), Math.max(on + 1, off)));
                }
            }
            return sequence;
        } catch (InvalidMidiDataException e) {
            throw new PartException("The part could not be made into MIDI: " + e.getMessage(), e);
        }
    }

    /** Writes a sequence as a standard MIDI file (type 1). */
    public static void writeMidi(Sequence sequence, OutputStream out) throws IOException {
        MidiSystem.write(sequence, 1, out);
    }

    /** Plays the parts offline into stereo sound at 48 kHz, as long as the longest part plus a tail for the release. */
    public Audio render(List<Part> parts, Progress progress) throws PartException {
        Sequence sequence = sequence(parts);
        double bpm = parts.getFirst().bpm();
        double seconds = parts.stream().mapToDouble(Part::seconds).max().orElse(0) + TAIL_SECONDS;
        int frames = (int) Math.round(seconds * Timing.RATE);
        AudioSynthesizer synthesizer;
        try {
            synthesizer = (AudioSynthesizer) MidiSystem.getSynthesizer();
        } catch (MidiUnavailableException | ClassCastException e) {
            throw new PartException("The JDK's synthesizer is not available here: " + e.getMessage(), e);
        } catch (IllegalAccessError e) {
            throw new PartException("Jarvis was started without --add-exports=java.desktop/com.sun.media.sound=ALL-UNNAMED, which the "
                    + "synthesizer's offline rendering needs: start it with ./jarvis or the installed app.", e);
        }
        // With a soundfont, the synthesizer's own default sounds are not made at all (they are generated, and written to disk).
        try (AudioInputStream stream = synthesizer.openStream(FLOATS, Map.of("interpolation", "sinc", "max polyphony", 128,
                "load default soundbank", soundfont.isEmpty()))) {
            if (soundfont.isPresent()) {
                Soundbank bank = MidiSystem.getSoundbank(soundfont.get().toFile());
                if (!synthesizer.loadAllInstruments(bank)) {
                    throw new PartException("The soundfont " + soundfont.get() + " has no instruments the synthesizer can load.");
                }
            }
            Receiver receiver = synthesizer.getReceiver();
            for (Timed event : events(sequence, bpm)) {
                receiver.send(event.message(), event.micros());
            }
            try {
                return read(stream, frames, progress);
            } catch (IOException e) {
                throw new PartException("The synthesizer stopped before the part's end: " + e.getMessage(), e);
            }
        } catch (MidiUnavailableException e) {
            throw new PartException("The JDK's synthesizer could not start: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new PartException("The soundfont " + soundfont.map(Path::toString).orElse("") + " is too large to load here: choose a smaller one "
                    + "in Settings ▸ Studio.", e);
        } catch (InvalidMidiDataException | IOException e) {
            throw new PartException("The soundfont " + soundfont.map(Path::toString).orElse("") + " could not be read: " + e.getMessage()
                    + ". Choose another in Settings ▸ Studio.", e);
        } finally {
            synthesizer.close();
        }
    }

    private record Timed(MidiMessage message, long micros) {}

    /** Every event of the sequence with its time in microseconds (one tempo throughout), in time order. */
    private static List<Timed> events(Sequence sequence, double bpm) {
        List<Timed> events = new ArrayList<>();
        double microsPerTick = 60_000_000 / bpm / PPQ;
        for (Track track : sequence.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                MidiEvent event = track.get(i);
                if (event.getMessage() instanceof ShortMessage) {
                    events.add(new Timed(event.getMessage(), Math.round(event.getTick() * microsPerTick)));
                }
            }
        }
        events.sort(Comparator.comparingLong(Timed::micros));
        return events;
    }

    private static Audio read(InputStream stream, int frames, Progress progress) throws IOException {
        float[] left = new float[frames];
        float[] right = new float[frames];
        byte[] block = new byte[8 * 4096];
        ByteBuffer view = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at < frames; ) {
            progress.checkCancelled();
            int want = Math.min(4096, frames - at);
            int got = stream.readNBytes(block, 0, want * 8);
            if (got < want * 8) {
                throw new IOException("the synthesizer stopped after " + (at + got / 8) + " frames");
            }
            for (int f = 0; f < want; f++) {
                left[at + f] = view.getFloat(8 * f);
                right[at + f] = view.getFloat(8 * f + 4);
            }
            at += want;
            progress.report(at / (double) frames, "rendering");
        }
        return new Audio(Timing.RATE, new float[][] {left, right});
    }
}
