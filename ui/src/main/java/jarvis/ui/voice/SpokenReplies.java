package jarvis.ui.voice;

import jarvis.audio.voice.Mouth;
import jarvis.audio.voice.SpokenText;
import jarvis.audio.voice.VoiceException;
import jarvis.orchestrator.conversation.StoredMessage;
import jarvis.orchestrator.routing.Tier;
import jarvis.ui.chat.ReplyVoice;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Replies spoken as they stream, when the switch is on: each sentence goes to the machine's voice as soon as it is
 * complete, one at a time, in order. A new reply (the next turn, or a cloud answer taking over from the local one)
 * or a press of the talk key stops what is being said and drops what was waiting.
 */
public final class SpokenReplies implements ReplyVoice, AutoCloseable {

    private final Supplier<Mouth> voices;
    private final BooleanSupplier on;
    private final Consumer<String> problem;
    private final ExecutorService mouth = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("jarvis-speaking").factory());
    /** Bumped by every new reply and every stop: a sentence queued before it is not said. */
    private final AtomicInteger reply = new AtomicInteger();
    private volatile Mouth speaking;

    /**
     * @param voices  a mouth for each turn (so a changed voice or pace in Settings is heard from the next reply)
     * @param on      whether replies are spoken now
     * @param problem told (on the speaking thread) why a reply could not be spoken
     */
    public SpokenReplies(Supplier<Mouth> voices, BooleanSupplier on, Consumer<String> problem) {
        this.voices = voices;
        this.on = on;
        this.problem = problem;
    }

    @Override
    public Follower follow() {
        if (!on.getAsBoolean()) {
            return QUIET;
        }
        Mouth voice = voices.get();
        return new Follower() {
            private SpokenText text = new SpokenText();
            private int mine = reply.get();

            @Override
            public void onReplyStarted(StoredMessage message, Tier tier, String model) {
                stop();
                mine = reply.get();
                text = new SpokenText();
            }

            @Override
            public void onText(String delta) {
                say(text.add(delta));
            }

            @Override
            public void finished() {
                say(text.finish());
            }

            private void say(List<String> sentences) {
                int asOf = mine;
                for (String sentence : sentences) {
                    mouth.execute(() -> {
                        speaking = voice;
                        if (reply.get() != asOf) {
                            return;
                        }
                        try {
                            voice.speak(sentence, () -> reply.get() == asOf);
                        } catch (VoiceException e) {
                            // Said once: the rest of this reply stays quiet.
                            reply.incrementAndGet();
                            problem.accept(e.getMessage());
                        }
                    });
                }
            }
        };
    }

    /** Stops what is being said and drops what was waiting. */
    @Override
    public void stop() {
        reply.incrementAndGet();
        Mouth now = speaking;
        if (now != null) {
            now.stop();
        }
    }

    @Override
    public void close() {
        stop();
        mouth.shutdownNow();
    }
}
