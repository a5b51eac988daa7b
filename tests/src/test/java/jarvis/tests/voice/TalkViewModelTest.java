package jarvis.tests.voice;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.audio.voice.PushToTalk;
import jarvis.audio.voice.VoiceException;
import jarvis.ui.voice.TalkViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The talk model's states without a window: a microphone that went away is opened again at the next press. */
class TalkViewModelTest {

    /** Ears whose line can end, as an unplugged microphone's does: a press then finds nothing open. */
    private static final class Ears implements TalkViewModel.Ears {
        int opened;
        boolean lineOpen;
        boolean refuse;

        @Override
        public void open() throws VoiceException {
            if (refuse) {
                throw new VoiceException("There is no microphone Jarvis can record from.");
            }
            opened++;
            lineOpen = true;
        }

        @Override
        public boolean press() {
            return lineOpen;
        }

        @Override
        public PushToTalk.Outcome release() {
            return new PushToTalk.Outcome.TooShort();
        }

        @Override
        public double level() {
            return 0;
        }

        @Override
        public CompletableFuture<String> transcribe(float[] speech, Consumer<String> partial) {
            return CompletableFuture.completedFuture("");
        }
    }

    @Test
    void aMicrophoneThatWentAwayIsOpenedAgainAtTheNextPress() {
        Ears ears = new Ears();
        List<String> heard = new ArrayList<>();
        TalkViewModel talk = new TalkViewModel(ears, () -> { }, heard::add, Runnable::run);

        talk.press();
        assertThat(talk.stateProperty().get()).isEqualTo(TalkViewModel.State.LISTENING);
        talk.release();
        assertThat(ears.opened).isEqualTo(1);

        ears.lineOpen = false;
        talk.press();
        assertThat(talk.stateProperty().get()).as("opened again, listening").isEqualTo(TalkViewModel.State.LISTENING);
        assertThat(ears.opened).isEqualTo(2);
        talk.release();

        ears.lineOpen = false;
        ears.refuse = true;
        talk.press();
        assertThat(talk.stateProperty().get()).isEqualTo(TalkViewModel.State.IDLE);
        assertThat(talk.messageProperty().get()).isEqualTo("There is no microphone Jarvis can record from.");
        assertThat(heard).isEmpty();
    }
}
