package jarvis.tests.voice;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * whisper.cpp's own test models: a vocabulary and no weights, so they load and transcribe to nothing (copied from
 * ../shared/fixtures/whisper into the test resources, with their README, so a clean checkout has them).
 */
public final class TestModels {

    private TestModels() {}

    public static Path tiny() {
        return resource("whisper/for-tests-ggml-tiny.bin");
    }

    public static Path tinyEnglish() {
        return resource("whisper/for-tests-ggml-tiny.en.bin");
    }

    private static Path resource(String name) {
        try {
            return Path.of(TestModels.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
