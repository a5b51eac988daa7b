package jarvis.audio.voice;

import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;
import io.github.givimad.whisperjni.WhisperState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speech to text in this process, with whisper.cpp through whisper-jni: the model loaded once (one context), one state
 * made at the first request and reused (requests take turns), every native call on one worker thread (whisper-jni's
 * handle tables are not thread-safe).
 * Speech longer than a window is transcribed a window at a time, cut at its quietest moment, and the text so far is
 * told after each, so a long dictation shows as it goes.
 */
public final class Transcriber implements AutoCloseable {

    /**
     * What was said, how much audio it was, how long the call took, and how much of that whisper.cpp itself ran (the
     * rest is Jarvis's: the hop to the worker, a state made, the text read back).
     */
    public record Transcript(String text, double audioSeconds, long nanos, long modelNanos) {

        /** Whisper's time over the audio's: under 1 is faster than speech. */
        public double realTimeFactor() {
            return modelNanos / 1e9 / audioSeconds;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Transcriber.class);
    /** A window of speech, 25 s (Whisper hears 30 s at a time); cut within its last 3 s. */
    static final int WINDOW = Utterances.RATE * 25;
    private static final int CUT_SEARCH = Utterances.RATE * 3;
    private static boolean libraryLoaded;
    /** whisper.cpp's log lines, while a model loads on this thread: they say whether it had any weights. */
    private static final ThreadLocal<StringBuilder> LOADING = new ThreadLocal<>();

    private final WhisperJNI whisper;
    private final WhisperContext context;
    private final Path model;
    private final ExecutorService worker;
    private final boolean weighted;
    private final boolean multilingual;
    /** Made at the first request, on the worker; only the worker touches it. */
    private WhisperState state;

    private Transcriber(WhisperJNI whisper, WhisperContext context, Path model, ExecutorService worker, boolean weighted) {
        this.whisper = whisper;
        this.context = context;
        this.model = model;
        this.worker = worker;
        this.weighted = weighted;
        this.multilingual = whisper.isMultilingual(context);
    }

    /**
     * Loads a whisper.cpp model ({@code ggml-*.bin}).
     *
     * @throws VoiceException when the file is missing, is not a model, or the native library cannot load here
     */
    public static Transcriber open(Path model) throws VoiceException {
        if (!Files.isRegularFile(model)) {
            throw new VoiceException("There is no speech model at " + model + ". Download one in Settings → Voice or with ./jarvis voice "
                    + "download tiny.en (75 MB), or put a whisper.cpp model (ggml-*.bin) in " + model.getParent() + ".");
        }
        ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("jarvis-whisper").factory());
        try {
            return onWorker(worker, () -> {
                loadLibrary();
                WhisperJNI whisper = new WhisperJNI();
                WhisperContext context;
                StringBuilder log = new StringBuilder();
                LOADING.set(log);
                try {
                    context = whisper.initNoState(model);
                } catch (IOException e) {
                    throw new VoiceException("The speech model " + model + " could not be read: " + e.getMessage(), e);
                } finally {
                    LOADING.remove();
                }
                if (context == null) {
                    throw new VoiceException(model.getFileName() + " is not a whisper.cpp model Jarvis can load: it may be damaged or only partly "
                            + "downloaded. Download it again in Settings → Voice.");
                }
                return new Transcriber(whisper, context, model, worker, !log.toString().contains("no tensors loaded"));
            });
        } catch (VoiceException | RuntimeException e) {
            worker.shutdownNow();
            throw e;
        }
    }

    public Path model() {
        return model;
    }

    /**
     * False for a model with a vocabulary and no weights (whisper.cpp's test models): it loads and runs, and hears
     * nothing.
     */
    public boolean hasWeights() {
        return weighted;
    }

    /**
     * Transcribes 16 kHz mono speech; {@code partial} hears the text so far after each window of a long one.
     *
     * @param language a language code ("en", "de"), or "auto" to let Whisper tell
     * @throws CancellationException when {@code cancelled} says so between windows
     */
    public Transcript transcribe(float[] samples, String language, Consumer<String> partial, BooleanSupplier cancelled) throws VoiceException {
        long start = System.nanoTime();
        long[] model = {0};
        // An English-only model hears English: asking it to tell the language would cost a pass for nothing.
        String heard = multilingual ? language : "en";
        String text = onWorker(worker, () -> {
            if (state == null) {
                state = whisper.initState(context);
                if (state == null) {
                    throw new VoiceException("Whisper could not make room to transcribe (out of memory?): close other programs and try again.");
                }
            }
            StringBuilder said = new StringBuilder();
            for (int from = 0; from < samples.length; ) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("stopped");
                }
                int to = cut(samples, from);
                float[] window = Utterances.padded(Arrays.copyOfRange(samples, from, to));
                long began = System.nanoTime();
                int failed = whisper.fullWithState(context, state, params(heard), window, window.length);
                model[0] += System.nanoTime() - began;
                if (failed != 0) {
                    throw new VoiceException("Whisper could not transcribe the speech (error " + failed + ").");
                }
                for (int i = 0, n = whisper.fullNSegmentsFromState(state); i < n; i++) {
                    said.append(whisper.fullGetSegmentTextFromState(state, i));
                }
                if (to < samples.length) {
                    partial.accept(said.toString().strip());
                }
                from = to;
            }
            return said.toString().strip();
        });
        return new Transcript(text, samples.length / (double) Utterances.RATE, System.nanoTime() - start, model[0]);
    }

    /** Frees the model once a transcription under way is done, without waiting for it. */
    @Override
    public void close() {
        worker.execute(() -> {
            if (state != null) {
                state.close();
            }
            context.close();
        });
        worker.shutdown();
    }

    /** Where the window from {@code from} ends: the input's end, or the quietest 10 ms in the last 3 s of 25. */
    static int cut(float[] samples, int from) {
        if (samples.length - from <= WINDOW) {
            return samples.length;
        }
        int best = from + WINDOW;
        double quietest = Double.MAX_VALUE;
        int step = Utterances.RATE / 100;
        for (int at = from + WINDOW - CUT_SEARCH; at + step <= from + WINDOW; at += step) {
            double level = Utterances.level(samples, at, at + step);
            if (level < quietest) {
                quietest = level;
                best = at + step / 2;
            }
        }
        return best;
    }

    private static WhisperFullParams params(String language) {
        WhisperFullParams params = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
        params.language = language == null || language.isBlank() ? "auto" : language;
        // Four, as whisper.cpp itself uses: more reach a Mac's efficiency cores and slow it down.
        params.nThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        params.printProgress = false;
        params.printRealtime = false;
        params.printTimestamps = false;
        params.noContext = true;
        params.suppressNonSpeechTokens = true;
        return params;
    }

    private static synchronized void loadLibrary() throws VoiceException {
        if (libraryLoaded) {
            return;
        }
        sweepEarlierCopies();
        try {
            WhisperJNI.loadLibrary();
            WhisperJNI.setLibraryLogger(line -> {
                StringBuilder loading = LOADING.get();
                if (loading != null) {
                    loading.append(line);
                }
                LOG.debug("whisper.cpp: {}", line.strip());
            });
            libraryLoaded = true;
        } catch (IOException | UnsatisfiedLinkError | RuntimeException e) {
            throw new VoiceException("Whisper's native library cannot load on this machine (" + System.getProperty("os.name") + ", "
                    + System.getProperty("os.arch") + "): " + e.getMessage(), e);
        }
    }

    /**
     * whisper-jni copies its native libraries into a new temporary folder at every start and deletes the files at exit,
     * not the folder: the empty folders of earlier starts are swept away (one in use is not empty, and is left).
     */
    private static void sweepEarlierCopies() {
        try (var folders = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")), "whisper-jni-*")) {
            for (Path folder : folders) {
                try (var inside = Files.list(folder)) {
                    if (inside.findAny().isEmpty()) {
                        Files.deleteIfExists(folder);
                    }
                } catch (IOException e) {
                    // Someone else's, or already gone.
                }
            }
        } catch (IOException e) {
            LOG.debug("Earlier copies of whisper's libraries were not swept: {}", e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws VoiceException;
    }

    private static <T> T onWorker(ExecutorService worker, Work<T> work) throws VoiceException {
        try {
            return worker.submit(() -> work.run()).get();
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new VoiceException("The speech model was closed (another one was chosen): try again.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof VoiceException voice) {
                throw voice;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new VoiceException("Whisper failed: " + e.getCause(), e.getCause());
        }
    }
}
