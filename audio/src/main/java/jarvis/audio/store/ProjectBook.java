package jarvis.audio.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.audio.timeline.Clip;
import jarvis.audio.timeline.Project;
import jarvis.audio.timeline.Timing;
import jarvis.audio.timeline.Track;
import jarvis.orchestrator.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The studio's projects, kept in the database: each as one JSON document (timing, tracks, clips, loop) under its name,
 * rewritten whole on every save. The document names sources by id; their sound lives in the {@link SourceLibrary}.
 * Each save counts the project's revision up, and a save from a copy this book did not read at the stored revision is
 * refused ({@link ChangedElsewhere}): the app and the command line share the database, and neither overwrites the other.
 */
public final class ProjectBook {

    /** A project as listed: its name, how many tracks and clips, how long, when last saved. */
    public record Summary(String id, String name, int tracks, int clips, double seconds, Instant updated) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VERSION = 1;

    /** A save refused: the project was saved by someone else since this copy was read. */
    public static final class ChangedElsewhere extends IllegalStateException {
        ChangedElsewhere(String name) {
            super(name + " was changed elsewhere (the command line, or another window) since it was opened here; open it again to go on.");
        }
    }

    private final Database database;
    private final Clock clock;
    /** The revision of each project as this book last read or saved it. */
    private final Map<String, Long> revisions = new ConcurrentHashMap<>();

    public ProjectBook(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** A new, empty project; its name must not be taken. */
    public Project create(String name) {
        String clean = name.strip();
        if (clean.isEmpty() || clean.length() > 200) {
            throw new IllegalArgumentException("A project's name is 1 to 200 characters, not '" + name + "'.");
        }
        if (find(clean).isPresent()) {
            throw new IllegalArgumentException("There is already a project called " + clean + ".");
        }
        Project project = Project.empty(UUID.randomUUID().toString(), clean);
        save(project);
        return project;
    }

    /** The project of this name, made empty when there is none yet. */
    public Project open(String name) {
        return find(name.strip()).orElseGet(() -> create(name));
    }

    /**
     * Saves a project (a new one, or over the one with its id).
     *
     * @throws ChangedElsewhere when it was saved elsewhere since this book read it
     * @throws IllegalArgumentException when another project has its name
     */
    public void save(Project project) {
        String document = write(project);
        Timestamp now = Timestamp.from(clock.instant());
        long saved = database.inTransaction(connection -> {
            Long known = revisions.get(project.id());
            if (known != null) {
                try (PreparedStatement update = connection.prepareStatement("UPDATE studio_projects SET name = ?, name_key = ?, document = ?, "
                        + "updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?")) {
                    update.setString(1, project.name());
                    update.setString(2, key(project.name()));
                    update.setString(3, document);
                    update.setTimestamp(4, now);
                    update.setString(5, project.id());
                    update.setLong(6, known);
                    if (update.executeUpdate() == 0) {
                        throw new ChangedElsewhere(project.name());
                    }
                    return known + 1;
                }
            }
            // Checked before writing, not by catching the unique index's refusal: PostgreSQL ends the transaction at a failed statement.
            Optional<Project> named = find(connection, project.name());
            if (named.isPresent()) {
                throw named.get().id().equals(project.id()) ? new ChangedElsewhere(project.name())
                        : new IllegalArgumentException("There is already a project called " + project.name() + ".");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO studio_projects (id, name, name_key, document, created_at, "
                    + "updated_at, revision) VALUES (?, ?, ?, ?, ?, ?, 0)")) {
                insert.setString(1, project.id());
                insert.setString(2, project.name());
                insert.setString(3, key(project.name()));
                insert.setString(4, document);
                insert.setTimestamp(5, now);
                insert.setTimestamp(6, now);
                insert.executeUpdate();
                return 0L;
            }
        });
        revisions.put(project.id(), saved);
    }

    /** The project of this name (any case), as stored now. */
    public Optional<Project> find(String name) {
        return database.inTransaction(connection -> find(connection, name));
    }

    private Optional<Project> find(java.sql.Connection connection, String name) throws java.sql.SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT document, revision FROM studio_projects WHERE name_key = ?")) {
            select.setString(1, key(name));
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Project project = read(rows.getString(1));
                revisions.put(project.id(), rows.getLong(2));
                return Optional.of(project);
            }
        }
    }

    private static String key(String name) {
        return name.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** Every project, the most recently saved first. */
    public List<Summary> list() {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT document, updated_at FROM studio_projects ORDER BY updated_at DESC");
                 ResultSet rows = select.executeQuery()) {
                List<Summary> summaries = new ArrayList<>();
                while (rows.next()) {
                    Project project;
                    try {
                        project = read(rows.getString(1));
                    } catch (RuntimeException e) {
                        // A document this version cannot read is left out of the list, not allowed to hide the others.
                        continue;
                    }
                    summaries.add(new Summary(project.id(), project.name(), project.tracks().size(),
                            project.tracks().stream().mapToInt(t -> t.clips().size()).sum(), project.timing().seconds(project.end()),
                            rows.getTimestamp(2).toInstant()));
                }
                return summaries;
            }
        });
    }

    public boolean delete(String name) {
        return database.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM studio_projects WHERE name_key = ?")) {
                delete.setString(1, key(name));
                return delete.executeUpdate() > 0;
            }
        });
    }

    static String write(Project project) {
        ObjectNode root = JSON.createObjectNode().put("version", VERSION).put("id", project.id()).put("name", project.name());
        root.putObject("timing").put("rate", project.timing().rate()).put("bpm", project.timing().bpm())
                .put("beatsPerBar", project.timing().beatsPerBar()).put("beatUnit", project.timing().beatUnit());
        project.loop().ifPresent(loop -> root.putObject("loop").put("start", loop.start()).put("end", loop.end()).put("on", loop.on()));
        ArrayNode tracks = root.putArray("tracks");
        for (Track track : project.tracks()) {
            ObjectNode t = tracks.addObject().put("id", track.id()).put("name", track.name()).put("mute", track.mute()).put("solo", track.solo())
                    .put("volumeDb", track.volumeDb()).put("pan", track.pan());
            ArrayNode clips = t.putArray("clips");
            for (Clip clip : track.clips()) {
                clips.addObject().put("id", clip.id()).put("source", clip.sourceId()).put("start", clip.start()).put("offset", clip.offset())
                        .put("length", clip.length()).put("gain", clip.gain()).put("fadeIn", clip.fadeIn()).put("fadeOut", clip.fadeOut());
            }
        }
        return root.toString();
    }

    static Project read(String document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored project is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode timing = root.path("timing");
        List<Track> tracks = new ArrayList<>();
        for (JsonNode t : root.path("tracks")) {
            List<Clip> clips = new ArrayList<>();
            for (JsonNode c : t.path("clips")) {
                clips.add(new Clip(c.path("id").asText(), c.path("source").asText(), c.path("start").asLong(), c.path("offset").asLong(),
                        c.path("length").asLong(), c.path("gain").asDouble(1), c.path("fadeIn").asLong(), c.path("fadeOut").asLong()));
            }
            tracks.add(new Track(t.path("id").asText(), t.path("name").asText(), t.path("mute").asBoolean(), t.path("solo").asBoolean(),
                    t.path("volumeDb").asDouble(), t.path("pan").asDouble(), clips));
        }
        JsonNode loop = root.path("loop");
        return new Project(root.path("id").asText(), root.path("name").asText(), new Timing(timing.path("rate").asInt(Timing.RATE),
                timing.path("bpm").asDouble(120), timing.path("beatsPerBar").asInt(4), timing.path("beatUnit").asInt(4)), tracks,
                loop.isObject() ? Optional.of(new Project.Loop(loop.path("start").asLong(), loop.path("end").asLong(), loop.path("on").asBoolean(true))) : Optional.empty());
    }
}
