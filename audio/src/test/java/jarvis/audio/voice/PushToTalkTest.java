package jarvis.audio.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Push-to-talk over a microphone that plays a script of samples: a tone while "speaking", silence otherwise, at real
 * time's pace or as fast as asked. The clock the holds are timed by is the test's.
 */
class PushToTalkTest {

    /** A microphone whose every sample is {@code level} × a 220 Hz tone: 0 is a dead microphone. */
    private static final class Scripted implements Microphone {
        volatile double level;
        private long at;
        private volatile boolean open = true;

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (!open) {
                return -1;
            }
            for (int i = 0; i + 1 < length; i += 2, at++) {
                short s = (short) (level * 32767 * Math.sin(2 * Math.PI * 220 * at / Utterances.RATE));
                buffer[offset + i] = (byte) s;
                buffer[offset + i + 1] = (byte) (s >> 8);
            }
            return length - length % 2;
        }

        @Override
        public void close() {
            open = false;
        }
    }

    private final Scripted microphone = new Scripted();
    private final AtomicLong now = new AtomicLong();
    private final PushToTalk talk = new PushToTalk(() -> microphone, now::get);

    @AfterEach
    void close() {
        talk.close();
    }

    /** Waits until the capture thread has read at least {@code seconds} more (paced to the test's clock, which is moved on). */
    private void capture(double seconds) {
        long until = now.get() + (long) (seconds * 1e9);
        while (now.get() < until) {
            now.addAndGet(20_000_000);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        // The capture thread runs up to 100 ms ahead of the clock: a moment lets it catch up with it.
        await().pollDelay(Duration.ofMillis(30)).until(() -> true);
    }

    @Test
    void aHoldGivesTheSpeechWithItsPreRollTrimmedAndPadded() throws Exception {
        talk.enable();
        capture(0.5);
        microphone.level = 0.3;
        capture(0.2);

        assertThat(talk.press()).isTrue();
        assertThat(talk.press()).as("the key repeating changes nothing").isFalse();
        capture(0.6);
        await().atMost(Duration.ofSeconds(2)).until(() -> talk.level() > 0.1);
        microphone.level = 0;
        capture(0.5);
        PushToTalk.Outcome outcome = talk.release();

        assertThat(outcome).isInstanceOfSatisfying(PushToTalk.Outcome.Heard.class, heard -> {
            // 0.2 s of tone before the press (in the pre-roll) and 0.6 s after, with a fifth of a second either side.
            assertThat(heard.samples().length).isBetween((int) (Utterances.RATE * 1.1), (int) (Utterances.RATE * 1.35));
            assertThat(heard.seconds()).isBetween(1.0, 1.3);
        });
        assertThat(talk.release()).isInstanceOf(PushToTalk.Outcome.NotHeld.class);
        assertThat(talk.level()).isZero();
    }

    @Test
    void aSlipOfTheKeyUnder300MillisecondsIsNotSpeech() throws Exception {
        talk.enable();
        microphone.level = 0.3;
        talk.press();
        now.addAndGet(200_000_000);

        assertThat(talk.release()).isInstanceOf(PushToTalk.Outcome.TooShort.class);
    }

    @Test
    void aMicrophoneGivingOnlyZerosIsSaidWithWhereToAllowIt() throws Exception {
        talk.enable();
        capture(0.4);
        talk.press();
        capture(0.5);

        assertThat(talk.release()).isInstanceOfSatisfying(PushToTalk.Outcome.NoSignal.class,
                none -> assertThat(none.message()).contains("nothing but silence"));
    }

    @Test
    void quietIsNothingHeard() throws Exception {
        talk.enable();
        microphone.level = 0.001;
        talk.press();
        capture(0.5);

        assertThat(talk.release()).isInstanceOf(PushToTalk.Outcome.NothingHeard.class);
    }

    @Test
    void aLineThatDeliversFasterThanRealTimeIsHeldToIt() throws Exception {
        PushToTalk real = new PushToTalk(() -> microphone);
        try {
            real.enable();
            microphone.level = 0.3;
            real.press();
            long start = System.nanoTime();
            Thread.sleep(400);
            PushToTalk.Outcome outcome = real.release();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(outcome).isInstanceOfSatisfying(PushToTalk.Outcome.Heard.class, heard -> assertThat(heard.samples().length)
                    .as("no more than real time, its 300 ms pre-roll and 100 ms ahead, and the margin").isLessThan((int) (Utterances.RATE
                            * (seconds + 0.3 + 0.1 + 0.4 + 0.1))));
        } finally {
            real.close();
        }
    }
}
