package jarvis.audio.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jarvis.audio.Sounds;
import jarvis.audio.source.Audio;
import jarvis.audio.timeline.Clip;
import jarvis.audio.timeline.Project;
import jarvis.audio.timeline.Track;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sound.sampled.LineUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Playback on the system's default sound output: a real {@code SourceDataLine} (in CI, Debian's ALSA with its null
 * device, {@code .ci/run}'s {@code ~/.asoundrc}). The null device takes samples as fast as they come, so these tests
 * check where the playhead goes (loops, the end, a stop), not the pace of a sound card.
 */
class PlaybackTest {

    private static final int RATE = 48_000;

    private final Map<String, Audio> sources = Map.of("tone", Sounds.tones(RATE, 2, 440, 660, 0.3));
    private final Playback playback = new Playback(Playback.Output.system());

    private Project project(Optional<Project.Loop> loop) {
        Track track = Track.empty("t", "Tone").withClip(Clip.of("c", "tone", 0, 2 * RATE));
        return Project.empty("p", "Test").withTracks(List.of(track)).withLoop(loop);
    }

    @AfterEach
    void close() {
        playback.close();
    }

    @Test
    void stopHaltsPlaybackAndThePlayheadStaysWhereItStopped() throws Exception {
        playback.play(new Mixer(project(Optional.of(new Project.Loop(RATE / 2, RATE))), sources::get), RATE / 2);
        await().atMost(Duration.ofSeconds(2)).until(() -> playback.position() > RATE / 2);
        assertThat(playback.playing()).as("a loop plays until stopped").isTrue();

        playback.stop();
        long stopped = playback.position();
        assertThat(playback.playing()).isFalse();
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> playback.position() == stopped);
        assertThat(stopped).isBetween((long) RATE / 2, (long) RATE);
        assertThat(playback.meters()).as("meters fall silent").containsOnly(0f);
    }

    @Test
    void aLoopPlaysOverAndOver() throws Exception {
        playback.play(new Mixer(project(Optional.of(new Project.Loop(0, RATE / 5))), sources::get), 0);
        AtomicLong furthest = new AtomicLong();
        AtomicLong last = new AtomicLong();
        AtomicBoolean wrapped = new AtomicBoolean();

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(2)).until(() -> {
            long now = playback.position();
            furthest.accumulateAndGet(now, Math::max);
            wrapped.compareAndSet(false, now < last.getAndSet(now));
            return wrapped.get();
        });

        assertThat(furthest.get()).as("never past the loop's end").isLessThanOrEqualTo(RATE / 5);
        assertThat(playback.playing()).isTrue();
    }

    @Test
    void aSeekWhilePlayingGoesOnFromThere() throws Exception {
        playback.play(new Mixer(project(Optional.of(new Project.Loop(0, RATE / 5))), sources::get), 0);
        await().atMost(Duration.ofSeconds(2)).until(() -> playback.position() > 0);

        playback.seek(RATE);

        await("past the loop, from where it was sent").atMost(Duration.ofSeconds(2)).until(() -> playback.position() >= RATE);
    }

    @Test
    void theProjectsEndStopsPlayback() throws Exception {
        playback.play(new Mixer(project(Optional.empty()), sources::get), 2 * RATE - RATE / 10);

        await().atMost(Duration.ofSeconds(3)).until(() -> !playback.playing());

        assertThat(playback.position()).isEqualTo(2L * RATE);
        assertThat(playback.failure()).isEmpty();
    }

    @Test
    void aLoopTurnedOffIsPlayedThrough() throws Exception {
        playback.play(new Mixer(project(Optional.of(new Project.Loop(0, RATE / 5, false))), sources::get), RATE / 10);

        await("past the loop's end, which is off").atMost(Duration.ofSeconds(2)).until(() -> playback.position() > RATE / 4);
    }

    @Test
    void noOutputIsSaidPlainly() {
        Playback nowhere = new Playback((format, bytes) -> {
            throw new LineUnavailableException("no audio device");
        });
        assertThatThrownBy(() -> nowhere.play(new Mixer(project(Optional.empty()), sources::get), 0))
                .hasMessageContaining("There is no sound output to play on (no audio device)").hasMessageContaining("A mixdown still works");
        assertThat(nowhere.playing()).isFalse();
    }
}
