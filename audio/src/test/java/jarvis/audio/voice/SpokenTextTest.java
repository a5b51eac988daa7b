package jarvis.audio.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpokenTextTest {

    /** Feeds a reply in pieces of {@code size} characters, as a stream does; each sentence with the piece count it was ready at. */
    private static List<String> spoken(String reply, int size, List<Integer> readyAt) {
        SpokenText text = new SpokenText();
        List<String> said = new ArrayList<>();
        int piece = 0;
        for (int i = 0; i < reply.length(); i += size, piece++) {
            for (String sentence : text.add(reply.substring(i, Math.min(reply.length(), i + size)))) {
                said.add(sentence);
                readyAt.add(piece);
            }
        }
        said.addAll(text.finish());
        return said;
    }

    @Test
    void theFirstSentenceIsReadyBeforeTheReplyEnds() {
        String reply = "PETG likes a hot bed. Set it to 80 °C! Then print slowly? Yes, about 40 mm/s.";
        List<Integer> readyAt = new ArrayList<>();

        List<String> said = spoken(reply, 3, readyAt);

        assertThat(said).containsExactly("PETG likes a hot bed.", "Set it to 80 °C!", "Then print slowly?", "Yes, about 40 mm/s.");
        assertThat(readyAt.getFirst()).as("the piece after the first full stop").isLessThanOrEqualTo(8);
    }

    @Test
    void reasoningCodeAndTablesAreNeverReadAndMarkdownMarksAreDropped() {
        String reply = """
                <think>The user wants temperatures. Let me recall.</think>Here is what I would use:

                ## **Bed** temperature
                - Use `80 °C` for [PETG](https://example.com/petg).
                - Keep the *door* closed.

                ```gcode
                M140 S80
                ```

                | Material | Bed |
                |---|---|
                | PETG | 80 |

                That is all.""";

        List<String> said = spoken(reply, 5, new ArrayList<>());

        assertThat(said).containsExactly("Here is what I would use:", "Bed temperature", "Use 80 °C for PETG.", "Keep the door closed.", "That is all.");
        assertThat(String.join(" ", said)).doesNotContain("recall").doesNotContain("M140").doesNotContain("Material").doesNotContain("https");
    }

    @Test
    void aThinkTagSplitAcrossPiecesIsStillDropped() {
        SpokenText text = new SpokenText();
        List<String> said = new ArrayList<>();
        for (String piece : List.of("<thi", "nk>secret plans. More.</th", "ink>Hello there. ", "Bye.")) {
            said.addAll(text.add(piece));
        }
        said.addAll(text.finish());

        assertThat(said).containsExactly("Hello there.", "Bye.");
    }

    @Test
    void theSpeakingCommandsReadTheTextFromStandardInput() {
        assertThat(new Speaker(Speaker.Program.SAY, "Samantha", 180).command(null)).containsExactly("say", "-f", "-", "-v", "Samantha", "-r", "180");
        assertThat(new Speaker(Speaker.Program.ESPEAK_NG, "", 0).command(Path.of("/tmp/x.wav")))
                .containsExactly("espeak-ng", "--stdin", "-w", "/tmp/x.wav");
        assertThat(new Speaker(Speaker.Program.SAY, "", 0).command(Path.of("out.wav"))).containsSequence("-o", "out.wav", "--data-format=LEI16@22050");
    }
}
