package jarvis.audio.store;

import jarvis.audio.source.Audio;
import jarvis.audio.source.AudioDecoder;
import jarvis.audio.source.AudioFileException;
import jarvis.audio.source.M4aConverter;
import jarvis.audio.source.Peaks;
import jarvis.audio.source.Progress;
import jarvis.audio.source.SourceImport;
import jarvis.audio.timeline.Timing;
import jarvis.orchestrator.artifacts.Artifact;
import jarvis.orchestrator.artifacts.ArtifactStore;
import jarvis.orchestrator.storage.Database;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * The studio's sources: each imported once (decoded, resampled to 48 kHz, its peaks made), its samples stored as a
 * 32-bit float WAV artifact and its peaks beside it, a row in the database naming both. Read back on demand and kept in
 * memory while used (the most recent few, so a long session does not hold every sound it ever touched).
 */
public final class SourceLibrary {

    /**
     * Bytes of sound kept in memory at once, the most recently used first: a quarter of the heap, so that a long session
     * of long files (230 MB for ten minutes of stereo) does not run out. The sound asked for last is always kept.
     */
    private static final long KEPT_BYTES = Runtime.getRuntime().maxMemory() / 4;

    private final long keptBytes;
    private final Database database;
    private final ArtifactStore artifacts;
    private final SourceImport importer;
    private final Clock clock;
    /** In the order used, the least recent first. */
    private final LinkedHashMap<String, Loaded> loaded = new LinkedHashMap<>(16, 0.75f, true);
    private long loadedBytes;

    private record Loaded(Audio audio, Peaks peaks) {
        long bytes() {
            return 4L * audio.frames() * audio.channelCount();
        }
    }

    public SourceLibrary(Database database, ArtifactStore artifacts, SourceImport importer, Clock clock) {
        this(database, artifacts, importer, clock, KEPT_BYTES);
    }

    /** A library keeping at most {@code keptBytes} of sound in memory. */
    public SourceLibrary(Database database, ArtifactStore artifacts, SourceImport importer, Clock clock, long keptBytes) {
        this.keptBytes = keptBytes;
        this.database = database;
        this.artifacts = artifacts;
        this.importer = importer;
        this.clock = clock;
    }

    /** A new source's id. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Imports a file as source {@code id}: the work of {@link SourceImport}, then the sound and its peaks stored. A source
     * already stored under that id (an import job tried again) is given back as it is.
     */
    public Source add(Path file, String id, Progress progress) throws AudioFileException {
        Optional<Source> done = source(id);
        if (done.isPresent()) {
            return done.get();
        }
        SourceImport.Imported imported = importer.read(file, progress.part(0, 0.8));
        progress.report(0.8, "storing " + imported.name());
        return add(imported, id, progress.part(0.8, 1));
    }

    /** Stores a sound made elsewhere (a rendered part) as source {@code id}. */
    public Source add(SourceImport.Imported imported, String id, Progress progress) throws AudioFileException {
        Artifact audio;
        Artifact peaks;
        try {
            Path wav = Files.createTempFile("jarvis-source", ".wav");
            try {
                writeFloatWav(imported.audio(), wav);
                try (InputStream in = Files.newInputStream(wav)) {
                    audio = artifacts.put("studio/sources/" + id + ".wav", "audio/wav", in, Map.of("source", imported.name(), "format", imported.format()));
                }
            } finally {
                Files.deleteIfExists(wav);
            }
            peaks = artifacts.put("studio/sources/" + id + ".peaks", "application/octet-stream", peaksBytes(imported.peaks()), Map.of("source", id));
        } catch (IOException | RuntimeException e) {
            throw new AudioFileException("Could not store " + imported.name() + ": " + e.getMessage(), e);
        }
        Source source = new Source(id, imported.name(), imported.audio().frames(), imported.audio().channelCount(), imported.format(),
                imported.fileRate(), audio.id(), peaks.id(), clock.instant());
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO studio_sources (id, name, frames, channels, format, file_rate, "
                    + "audio_artifact, peaks_artifact, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, source.id());
                insert.setString(2, source.name());
                insert.setLong(3, source.frames());
                insert.setInt(4, source.channels());
                insert.setString(5, source.format());
                insert.setInt(6, source.fileRate());
                insert.setString(7, source.audioArtifact());
                insert.setString(8, source.peaksArtifact());
                insert.setTimestamp(9, Timestamp.from(source.added()));
                return insert.executeUpdate();
            }
        });
        keep(id, new Loaded(imported.audio(), imported.peaks()));
        progress.report(1, "stored " + imported.name());
        return source;
    }

    public Optional<Source> source(String id) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT + " WHERE id = ?")) {
                select.setString(1, id);
                List<Source> found = rows(select);
                return found.stream().findFirst();
            }
        });
    }

    /** Every source, newest first. */
    public List<Source> sources() {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT + " ORDER BY added_at DESC")) {
                return rows(select);
            }
        });
    }

    /** A source's samples at 48 kHz, read from the store the first time. */
    public Audio audio(String id) throws AudioFileException {
        return load(id).audio();
    }

    public Peaks peaks(String id) throws AudioFileException {
        return load(id).peaks();
    }

    private Loaded load(String id) throws AudioFileException {
        synchronized (loaded) {
            Loaded known = loaded.get(id);
            if (known != null) {
                return known;
            }
        }
        Source source = source(id).orElseThrow(() -> new AudioFileException("There is no source " + id + " in the studio."));
        Loaded read;
        try {
            Path scratch = Files.createTempFile("jarvis-source", ".wav");
            try {
                try (InputStream in = artifacts.open(source.audioArtifact())) {
                    Files.copy(in, scratch, StandardCopyOption.REPLACE_EXISTING);
                }
                Audio audio = new AudioDecoder(M4aConverter.none()).decode(scratch, Progress.NONE).audio();
                byte[] peaks;
                try (InputStream in = artifacts.open(source.peaksArtifact())) {
                    peaks = in.readAllBytes();
                }
                read = new Loaded(audio, readPeaks(peaks, audio));
            } finally {
                Files.deleteIfExists(scratch);
            }
        } catch (IOException | RuntimeException e) {
            throw new AudioFileException("The stored sound of " + source.name() + " could not be read back (" + e.getMessage()
                    + "); import the file again.", e);
        }
        keep(id, read);
        return read;
    }

    /** Keeps a sound in memory, letting go of the least recently used beyond the budget (never the one just kept). */
    private void keep(String id, Loaded sound) {
        synchronized (loaded) {
            Loaded before = loaded.put(id, sound);
            loadedBytes += sound.bytes() - (before == null ? 0 : before.bytes());
            var eldest = loaded.entrySet().iterator();
            while (loadedBytes > keptBytes && loaded.size() > 1) {
                var next = eldest.next();
                if (next.getKey().equals(id)) {
                    continue;
                }
                loadedBytes -= next.getValue().bytes();
                eldest.remove();
            }
        }
    }

    private static final String SELECT = "SELECT id, name, frames, channels, format, file_rate, audio_artifact, peaks_artifact, added_at FROM studio_sources";

    private static List<Source> rows(PreparedStatement select) throws java.sql.SQLException {
        try (ResultSet rows = select.executeQuery()) {
            List<Source> sources = new ArrayList<>();
            while (rows.next()) {
                sources.add(new Source(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getInt(4), rows.getString(5), rows.getInt(6),
                        rows.getString(7), rows.getString(8), rows.getTimestamp(9).toInstant()));
            }
            return sources;
        }
    }

    /** Writes the samples as a 32-bit float WAV file through the JDK. */
    private static void writeFloatWav(Audio audio, Path file) throws IOException {
        int channels = audio.channelCount();
        AudioFormat format = new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, Timing.RATE, 32, channels, 4 * channels, Timing.RATE, false);
        InputStream samples = new InputStream() {
            private final ByteBuffer block = ByteBuffer.allocate(4 * channels * 4096).order(ByteOrder.LITTLE_ENDIAN).flip();
            private int next;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (!block.hasRemaining()) {
                    if (next >= audio.frames()) {
                        return -1;
                    }
                    block.clear();
                    int end = Math.min(audio.frames(), next + 4096);
                    for (int f = next; f < end; f++) {
                        for (int c = 0; c < channels; c++) {
                            block.putFloat(audio.channel(c)[f]);
                        }
                    }
                    next = end;
                    block.flip();
                }
                int n = Math.min(len, block.remaining());
                block.get(b, off, n);
                return n;
            }
        };
        try (AudioInputStream stream = new AudioInputStream(samples, format, audio.frames())) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    /** The finest peaks, channel after channel, as 32-bit floats. */
    private static InputStream peaksBytes(Peaks peaks) {
        float[][] finest = peaks.finest();
        ByteBuffer bytes = ByteBuffer.allocate(4 * finest.length * finest[0].length).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] channel : finest) {
            bytes.asFloatBuffer().put(channel);
            bytes.position(bytes.position() + 4 * channel.length);
        }
        return new ByteArrayInputStream(bytes.array());
    }

    private static Peaks readPeaks(byte[] bytes, Audio audio) {
        int channels = audio.channelCount();
        int perChannel = bytes.length / 4 / channels;
        if (perChannel < 2 || perChannel * 4 * channels != bytes.length) {
            return Peaks.of(audio);
        }
        float[][] finest = new float[channels][perChannel];
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] channel : finest) {
            buffer.asFloatBuffer().get(channel);
            buffer.position(buffer.position() + 4 * channel.length);
        }
        return Peaks.fromFinest(finest, audio.frames());
    }
}
