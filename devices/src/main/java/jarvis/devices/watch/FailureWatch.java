package jarvis.devices.watch;

import jarvis.devices.cameras.Camera;
import jarvis.devices.cameras.CameraException;
import jarvis.devices.cameras.Frame;
import jarvis.devices.printers.PrinterBook;
import jarvis.devices.printers.PrinterException;
import jarvis.devices.printers.PrinterNews;
import jarvis.devices.printers.PrinterStatus;
import jarvis.devices.printers.PrinterWatch;
import jarvis.orchestrator.artifacts.Artifact;
import jarvis.orchestrator.artifacts.ArtifactStore;
import jarvis.orchestrator.artifacts.ArtifactStoreException;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches running prints through their cameras. At each reading of a printer that is printing, once the interval has
 * passed, its camera's latest frame goes to the judge; the verdict is kept with the frame it judged, and a person is
 * told of a warning or a failure. False alarms are what people hate most in such watches,
 * so a failure pauses the print only when auto-pause is on, the judge was at least as sure as the rules ask on two
 * looks in a row at the same job, the printer still prints that job, and no person resumed it after the watch paused
 * it once. When the watch cannot see (no camera, a camera that fails twice running or sends the same picture again and
 * again, no vision model, a picture the model cannot make out), it says so, and never that the print is fine.
 */
public final class FailureWatch implements Consumer<PrinterWatch.Reading>, AutoCloseable {

    /** How the watch behaves: how often it looks, whether it may pause, and how sure a failure must be to pause. */
    public record Rules(Duration interval, boolean autoPause, double pauseConfidence) {}

    /**
     * One look at a print: the printer, its job, when the frame arrived (or the look began, when there was none), the
     * verdict, what stood in the way (why there is no verdict, or why a failure was not paused), whether the print was
     * paused, the kept verdict's id and its frame's artifact.
     */
    public record Look(String printer, String job, Instant at, Optional<Verdict> verdict, Optional<String> problem, boolean paused,
                       OptionalLong id, Optional<String> frame) {}

    /** What the watch does to a printer: read it again just before pausing, and pause it through what keeps the record. */
    public interface Hands {
        PrinterStatus status(PrinterBook.Entry printer) throws PrinterException;

        void pause(PrinterBook.Entry printer, String why) throws PrinterException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(FailureWatch.class);
    /** The same news about the same job is told at most this often; a pause, and a pause that failed, always. */
    private static final Duration RETELL = Duration.ofMinutes(10);
    /** Sure failures in a row before a pause: one frame is not enough to stop a print. */
    static final int SURE_LOOKS = 2;
    /** Camera failures in a row before the watch says it cannot see: one dropped frame is not news. */
    static final int MISSES = 2;
    /** The same picture this many times running is a frozen camera, not a print that does not move. */
    static final int SAME_PICTURES = 3;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Function<PrinterBook.Entry, Optional<Camera>> cameras;
    private final Judge judge;
    private final VerdictBook verdicts;
    private final ArtifactStore artifacts;
    private final Supplier<Rules> rules;
    private final Hands hands;
    private final Clock clock;
    private final Consumer<PrinterNews.Item> tell;
    private final ExecutorService lookers = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Consumer<Look>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Look> latest = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastLook = new ConcurrentHashMap<>();
    private final Map<String, Boolean> looking = new ConcurrentHashMap<>();
    private final Map<String, Print> prints = new ConcurrentHashMap<>();

    /** What the watch remembers of a printer's current job, from one look to the next. */
    private static final class Print {
        final String job;
        int sureInARow;
        int missesInARow;
        int samePictures;
        byte[] lastPicture = new byte[0];
        Instant lastPictureAt = Instant.MIN;
        byte[] lastJudged = new byte[0];
        boolean pausedByWatch;
        Instant pausedAt = Instant.MIN;
        /** The printer was read paused after the watch paused it: printing again after that is a person's doing. */
        boolean sawPaused;
        /** A person resumed the job after the watch paused it: the watch tells from then on, and pauses no more. */
        boolean resumedByPerson;
        final Map<String, Instant> told = new ConcurrentHashMap<>();

        Print(String job) {
            this.job = job;
        }
    }

    public FailureWatch(Function<PrinterBook.Entry, Optional<Camera>> cameras, Judge judge, VerdictBook verdicts, ArtifactStore artifacts,
                        Supplier<Rules> rules, Hands hands, Clock clock, Consumer<PrinterNews.Item> tell) {
        this.cameras = cameras;
        this.judge = judge;
        this.verdicts = verdicts;
        this.artifacts = artifacts;
        this.rules = rules;
        this.hands = hands;
        this.clock = clock;
        this.tell = tell;
    }

    /** Hears every look as it ends, on the look's thread. */
    public void onLook(Consumer<Look> listener) {
        listeners.add(listener);
    }

    /** The latest look at each printer, by name. */
    public Map<String, Look> latest() {
        return Map.copyOf(latest);
    }

    public VerdictBook verdicts() {
        return verdicts;
    }

    /** A printer removed from the book: nothing of it is kept, and it is not looked at again. */
    public void forget(String printer) {
        latest.remove(printer);
        lastLook.remove(printer);
        prints.remove(printer);
    }

    /** A printer's reading: when it is printing and a look is due, one begins on a thread of its own. */
    @Override
    public void accept(PrinterWatch.Reading reading) {
        String name = reading.printer().name();
        Optional<PrinterStatus> status = reading.status();
        PrinterStatus.State state = status.map(PrinterStatus::state).orElse(PrinterStatus.State.OFFLINE);
        String job = status.flatMap(PrinterStatus::job).map(PrinterStatus.Job::file).orElse("");
        boolean running = state == PrinterStatus.State.PRINTING || state == PrinterStatus.State.PAUSED || state == PrinterStatus.State.BUSY;
        // A print that ended, or another file: nothing of the last one carries over (a reprint of the same file included).
        if (!running || !job.isEmpty() && prints.containsKey(name) && !prints.get(name).job.equals(job)) {
            prints.remove(name);
        }
        Print print = prints.get(name);
        if (print != null) {
            boolean resumed;
            synchronized (print) {
                // Readings taken before the pause say nothing of what came after it.
                boolean since = status.map(PrinterStatus::at).filter(at -> !at.isBefore(print.pausedAt)).isPresent();
                print.sawPaused |= print.pausedByWatch && since && state == PrinterStatus.State.PAUSED;
                resumed = print.pausedByWatch && print.sawPaused && since && state == PrinterStatus.State.PRINTING;
                if (resumed) {
                    print.pausedByWatch = false;
                    print.resumedByPerson = true;
                }
            }
            if (resumed) {
                tellOnce(name, print, "resumed", "The print on " + name + " was resumed after the failure watch paused it: the watch will tell "
                        + "of failures on this print, but not pause it again.");
            }
        }
        if (state != PrinterStatus.State.PRINTING) {
            if (!running) {
                lastLook.remove(name);
            }
            return;
        }
        Instant now = clock.instant();
        Instant last = lastLook.get(name);
        if (last != null && now.isBefore(last.plus(rules.get().interval())) || looking.putIfAbsent(name, true) != null) {
            return;
        }
        lastLook.put(name, now);
        lookers.execute(() -> {
            try {
                lookNow(reading.printer(), job);
            } catch (RuntimeException e) {
                LOG.warn("Failure watch: a look at {} failed", name, e);
            } finally {
                looking.remove(name);
            }
        });
    }

    /**
     * Looks at a printer's print now, on this thread, and says what came of it; when a look at it is under way already,
     * says so instead.
     */
    public Look look(PrinterBook.Entry printer, String job) {
        if (looking.putIfAbsent(printer.name(), true) != null) {
            return new Look(printer.name(), job, clock.instant(), Optional.empty(), Optional.of("A look at " + printer.name() + " is under way."),
                    false, OptionalLong.empty(), Optional.empty());
        }
        try {
            return lookNow(printer, job);
        } finally {
            looking.remove(printer.name());
        }
    }

    private Look lookNow(PrinterBook.Entry printer, String job) {
        String name = printer.name();
        // A job read without its name (a Bambu starting up) is the one known, not a new one.
        Print print = prints.compute(name, (key, known) -> known != null && (known.job.equals(job) || job.isEmpty()) ? known : new Print(job));
        Instant began = clock.instant();
        lastLook.put(name, began);
        Optional<Camera> camera = cameras.apply(printer);
        if (camera.isEmpty()) {
            return cannotSee(printer, print, began, "it has no camera. Link one: ./jarvis printers camera " + quoted(name) + " CAMERA", true);
        }
        Frame frame;
        try {
            frame = camera.get().snapshot();
        } catch (CameraException e) {
            print.missesInARow++;
            return cannotSee(printer, print, began, e.getMessage(), print.missesInARow >= MISSES);
        }
        print.missesInARow = 0;
        // The same frame handed on to two readers a moment apart is one picture; the same bytes taken again are a frozen camera.
        if (!frame.at().equals(print.lastPictureAt)) {
            print.samePictures = Arrays.equals(frame.image(), print.lastPicture) ? print.samePictures + 1 : 1;
            print.lastPicture = frame.image();
            print.lastPictureAt = frame.at();
        }
        if (print.samePictures >= SAME_PICTURES) {
            return cannotSee(printer, print, frame.at(), "its camera has sent the very same picture " + print.samePictures
                    + " times running: it may be frozen.", true);
        }
        // The picture as the model sees it (at most 1024 wide): judged, and kept for a person to review.
        Frame seen = new Frame(VisionModel.fit(frame.image()), frame.at());
        Verdict verdict;
        try {
            verdict = judge.judge(seen.image());
        } catch (Judge.CannotJudge e) {
            return cannotSee(printer, print, frame.at(), e.getMessage(), true);
        }
        if (verdict.call() == Verdict.Call.UNCLEAR) {
            return cannotSee(printer, print, frame.at(), "the vision model cannot make out the print in the picture"
                    + (verdict.reason().isBlank() ? "." : " (" + verdict.reason() + ")."), true);
        }
        Optional<String> kept = keep(name, job, seen, verdict);
        Rules now = rules.get();
        boolean sure = verdict.call() == Verdict.Call.FAILURE && verdict.confidence() >= now.pauseConfidence();
        // Two sure looks must be two pictures: the same one judged twice (handed on, or a camera stuck) counts once.
        boolean newPicture = !Arrays.equals(frame.image(), print.lastJudged);
        print.lastJudged = frame.image();
        print.sureInARow = !sure ? 0 : newPicture ? print.sureInARow + 1 : Math.max(1, print.sureInARow);
        String notPaused = "";
        boolean paused = false;
        if (verdict.call() == Verdict.Call.FAILURE) {
            notPaused = !now.autoPause() ? "Not paused: auto-pause is off."
                    : !sure ? "Not paused: pausing needs " + Math.round(now.pauseConfidence() * 100) + " %, and this is less sure."
                    : resumedByPerson(print) ? "Not paused: you resumed this print after the watch paused it."
                    : print.sureInARow < SURE_LOOKS ? "Not paused yet: the watch looks again to be sure before it stops the print."
                    : pause(printer, job, verdict);
            paused = notPaused.isEmpty();
            if (paused) {
                synchronized (print) {
                    print.pausedByWatch = true;
                    print.sawPaused = false;
                    print.pausedAt = clock.instant();
                }
            }
        }
        long id = record(name, job, frame, verdict, kept, paused);
        Look look = new Look(name, job, frame.at(), Optional.of(verdict), Optional.of(notPaused).filter(why -> !why.isEmpty()),
                paused, id < 0 ? OptionalLong.empty() : OptionalLong.of(id), kept);
        say(print, look, notPaused);
        return done(look);
    }

    private static boolean resumedByPerson(Print print) {
        synchronized (print) {
            return print.resumedByPerson;
        }
    }

    /**
     * Pauses the print, after reading the printer again: the judge may have taken a while, and a person may have acted,
     * or the job changed, since the frame was taken. Empty when paused; else why not, in a sentence.
     */
    private String pause(PrinterBook.Entry printer, String job, Verdict verdict) {
        try {
            PrinterStatus now = hands.status(printer);
            String printing = now.job().map(PrinterStatus.Job::file).orElse("");
            if (now.state() != PrinterStatus.State.PRINTING || !printing.equals(job)) {
                return "Not paused: " + printer.name() + " is no longer printing " + job + ".";
            }
            hands.pause(printer, "the failure watch judged the print failing (" + verdict.percent() + "): " + verdict.reason());
            return "";
        } catch (PrinterException e) {
            return "Pausing failed: " + e.getMessage();
        }
    }

    private void say(Print print, Look look, String notPaused) {
        Verdict verdict = look.verdict().orElseThrow();
        String name = look.printer();
        // The watch sees again: a later trouble with the camera or the model is news once more.
        print.told.remove("blind");
        String seen = " (" + verdict.percent() + " sure" + (verdict.reason().isBlank() ? "" : ": " + verdict.reason()) + ")";
        if (look.paused()) {
            tell.accept(new PrinterNews.Item(name, "watch-paused", "The failure watch paused " + name + ": the print looks failed" + seen
                    + ". Look at it, then resume or cancel.", true));
        } else if (notPaused.startsWith("Pausing failed")) {
            tell.accept(new PrinterNews.Item(name, "watch-failure", "The print on " + name + " looks like it is failing" + seen + ". " + notPaused, true));
        } else if (verdict.call() == Verdict.Call.FAILURE) {
            tellOnce(name, print, "failure", "The print on " + name + " looks like it is failing" + seen + ". " + notPaused);
        } else if (verdict.call() == Verdict.Call.WARNING) {
            tellOnce(name, print, "warning", "The failure watch sees something to look at on " + name + seen + ".");
        }
    }

    private Look cannotSee(PrinterBook.Entry printer, Print print, Instant at, String why, boolean news) {
        if (news) {
            tellOnce(printer.name(), print, "blind", "The failure watch cannot see " + printer.name() + "'s print: " + why);
        }
        print.sureInARow = 0;
        return done(new Look(printer.name(), print.job, at, Optional.empty(), Optional.of(why), false, OptionalLong.empty(), Optional.empty()));
    }

    /** Tells news of a kind about the job once, and again only after a while: a print that strings warns once, not every look. */
    private void tellOnce(String printer, Print print, String kind, String sentence) {
        Instant now = clock.instant();
        Instant before = print.told.get(kind);
        if (before != null && now.isBefore(before.plus(RETELL))) {
            return;
        }
        print.told.put(kind, now);
        tell.accept(new PrinterNews.Item(printer, "watch-" + kind, sentence, true));
    }

    private Look done(Look look) {
        latest.put(look.printer(), look);
        for (Consumer<Look> listener : listeners) {
            listener.accept(look);
        }
        return look;
    }

    /** The verdict kept; a database that fails loses the record, not the news nor the pause. Its id, or -1. */
    private long record(String printer, String job, Frame frame, Verdict verdict, Optional<String> kept, boolean paused) {
        try {
            return verdicts.record(printer, job, frame.at(), verdict, kept, paused);
        } catch (RuntimeException e) {
            LOG.warn("Failure watch: the verdict on {} was not kept: {}", printer, e.getMessage());
            return -1;
        }
    }

    /** The frame as an artifact, for a person to review the verdict; a store that fails loses the picture, not the verdict. */
    private Optional<String> keep(String printer, String job, Frame frame, Verdict verdict) {
        boolean png = frame.image().length > 1 && (frame.image()[0] & 0xff) == 0x89;
        String name = "watch/" + printer + "/" + STAMP.format(frame.at()) + (png ? ".png" : ".jpg");
        try {
            Artifact artifact = artifacts.put(name, png ? "image/png" : "image/jpeg", new ByteArrayInputStream(frame.image()),
                    Map.of("printer", printer, "job", job, "verdict", verdict.call().word(), "confidence", Double.toString(verdict.confidence())));
            return Optional.of(artifact.id());
        } catch (ArtifactStoreException e) {
            LOG.warn("Failure watch: the frame of {} was not kept: {}", printer, e.getMessage());
            return Optional.empty();
        }
    }

    private static String quoted(String name) {
        return name.contains(" ") ? "'" + name + "'" : name;
    }

    @Override
    public void close() {
        lookers.shutdownNow();
    }
}
