package jarvis.audio.voice;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The speech models Jarvis knows: whisper.cpp's standard ggml files (from whisper.cpp's own download script, with the
 * SHA-1 sums of its models/README.md), and the folder in the data folder they are kept in. The setting names a model
 * in that folder ("base.en", "ggml-base.en.bin") or any file by its path; empty means the smallest one there.
 */
public final class WhisperModels {

    /** A standard model: its name, its file, its size in bytes and its SHA-1. */
    public record Known(String name, long bytes, String sha1) {
        public String file() {
            return "ggml-" + name + ".bin";
        }

        /** Where it is downloaded from, under {@code base} (Hugging Face's whisper.cpp repository by default). */
        public URI url(String base) {
            return URI.create((base.endsWith("/") ? base : base + "/") + file());
        }
    }

    /** Hugging Face's copy of whisper.cpp's models, as whisper.cpp's download script fetches them. */
    public static final String SOURCE = "https://huggingface.co/ggerganov/whisper.cpp/resolve/main/";

    public static final List<Known> KNOWN = List.of(
            new Known("tiny.en", 77_704_715L, "c78c86eb1a8faa21b369bcd33207cc90d64ae9df"),
            new Known("tiny", 77_691_713L, "bd577a113a864445d4c299885e0cb97d4ba92b5f"),
            new Known("base.en", 147_964_211L, "137c40403d78fd54d454da0f9bd998f78703390c"),
            new Known("base", 147_951_465L, "465707469ff3a37a2b9b8d8f89f2f99de7299dac"),
            new Known("small.en", 487_614_201L, "db8a495a91d927739e50b3fc1cc4c6b8f6c2d022"),
            new Known("small", 487_601_967L, "55356645c2b361a969dfd0ef2c5a50d530afd8d5"));

    private final Path folder;

    public WhisperModels(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    public static Optional<Known> known(String name) {
        String bare = bare(name);
        return KNOWN.stream().filter(k -> k.name().equals(bare)).findFirst();
    }

    /** The model files in the folder ({@code ggml-*.bin}), smallest first. */
    public List<Path> installed() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches("ggml-.+\\.bin") && Files.isRegularFile(f))
                    .sorted(Comparator.comparingLong(WhisperModels::size).thenComparing(Path::toString)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The model file a setting (or a command line's --model) names: a model in the folder by its name or file name, or
     * a file by its path; empty, the smallest model in the folder.
     *
     * @throws VoiceException when there is none, saying how to get one
     */
    public Path resolve(String named) throws VoiceException {
        String wanted = named == null ? "" : named.strip();
        if (wanted.isEmpty()) {
            return installed().stream().findFirst().orElseThrow(() -> new VoiceException("There is no speech model yet. Download one in Settings → "
                    + "Voice or with ./jarvis voice download tiny.en (75 MB, quick; base.en, 142 MB, hears better), or put a whisper.cpp model "
                    + "(ggml-*.bin) in " + folder + "."));
        }
        if (wanted.contains("/") || wanted.contains("\\")) {
            return Path.of(wanted);
        }
        return folder.resolve("ggml-" + bare(wanted) + ".bin");
    }

    private static String bare(String name) {
        String n = name.strip();
        if (n.startsWith("ggml-")) {
            n = n.substring(5);
        }
        return n.endsWith(".bin") ? n.substring(0, n.length() - 4) : n;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
