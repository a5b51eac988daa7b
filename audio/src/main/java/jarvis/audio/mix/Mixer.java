package jarvis.audio.mix;

import jarvis.audio.source.Audio;
import jarvis.audio.timeline.Clip;
import jarvis.audio.timeline.Project;
import jarvis.audio.timeline.Track;
import java.util.List;
import java.util.function.Function;

/**
 * Sums a project's audible tracks into stereo, a block at a time: each clip's window of its source, shaped by the
 * clip's gain and fades, then the track's volume and pan. The same loop feeds the speakers and writes a mixdown, so
 * what is heard is what is written. Made for one project as it stands; an edit makes a new mixer.
 */
public final class Mixer {

    private final Project project;
    private final Function<String, Audio> sources;
    private final List<Track> tracks;
    /** The loudest sample of each track (in project order) in the last block, after its volume and pan. */
    private final float[] peaks;

    /** @param sources each clip's source by id, at the project's rate */
    public Mixer(Project project, Function<String, Audio> sources) {
        this.project = project;
        this.sources = sources;
        this.tracks = project.tracks();
        this.peaks = new float[tracks.size()];
    }

    public Project project() {
        return project;
    }

    /**
     * Writes frames {@code frame} to {@code frame + count} of the mix into {@code left} and {@code right} (from index
     * 0), replacing what was there.
     */
    public void render(long frame, float[] left, float[] right, int count) {
        java.util.Arrays.fill(left, 0, count, 0f);
        java.util.Arrays.fill(right, 0, count, 0f);
        for (int t = 0; t < tracks.size(); t++) {
            Track track = tracks.get(t);
            peaks[t] = 0;
            if (!project.audible(track)) {
                continue;
            }
            double volume = track.volume();
            float toLeft = (float) (volume * track.leftGain());
            float toRight = (float) (volume * track.rightGain());
            float peak = 0;
            for (Clip clip : track.clips()) {
                if (clip.end() <= frame || clip.start() >= frame + count) {
                    continue;
                }
                peak = Math.max(peak, add(clip, frame, left, right, count, toLeft, toRight));
            }
            peaks[t] = peak;
        }
    }

    /** Adds one clip's part of the block; returns its loudest sample there. */
    private float add(Clip clip, long frame, float[] left, float[] right, int count, float toLeft, float toRight) {
        Audio audio = sources.apply(clip.sourceId());
        if (audio == null) {
            return 0;
        }
        int from = (int) Math.max(0, clip.start() - frame);
        int to = (int) Math.min(count, clip.end() - frame);
        long inClip = frame + from - clip.start();
        long inSource = clip.offset() + inClip;
        // A clip may run past a source that is shorter than it says (a source replaced by a shorter one): play silence.
        to = (int) Math.min(to, from + Math.max(0, audio.frames() - inSource));
        if (to <= from) {
            return 0;
        }
        float[] l = audio.channel(0);
        float[] r = audio.channel(1);
        int s = (int) inSource - from;
        float peak = 0;
        boolean fading = inClip < clip.fadeIn() || inClip + (to - from) > clip.length() - clip.fadeOut();
        if (!fading) {
            float gl = (float) (clip.gain() * toLeft);
            float gr = (float) (clip.gain() * toRight);
            for (int i = from; i < to; i++) {
                float a = l[s + i] * gl;
                float b = r[s + i] * gr;
                left[i] += a;
                right[i] += b;
                peak = Math.max(peak, Math.max(Math.abs(a), Math.abs(b)));
            }
            return peak;
        }
        // Outside the fades the envelope is the gain itself, so these factors match the ones above to the bit: where a
        // block begins never changes the mix.
        for (int i = from; i < to; i++) {
            double g = clip.envelope(inClip + i - from);
            float a = l[s + i] * (float) (g * toLeft);
            float b = r[s + i] * (float) (g * toRight);
            left[i] += a;
            right[i] += b;
            peak = Math.max(peak, Math.max(Math.abs(a), Math.abs(b)));
        }
        return peak;
    }

    /** Each track's loudest sample in the last block rendered, in project order (0 for a silent or muted track). */
    public float[] peaks() {
        return peaks.clone();
    }
}
