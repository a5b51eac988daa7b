package jarvis.cad.parts;

import jarvis.cad.make.ScadProgram;
import jarvis.cad.make.TextToCad;
import jarvis.cad.make.ZooTextToCad;
import jarvis.orchestrator.artifacts.Artifact;
import jarvis.orchestrator.artifacts.ArtifactStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The workshop's parts, kept as artifacts named {@code parts/FILE}: found by the name a person or a model gives,
 * copied out to be read or sliced, and a part made from words kept with how it was made (prompt, model, program,
 * parameters, repairs), its OpenSCAD program beside it.
 */
public final class Parts {

    public static final String PREFIX = "parts/";
    private static final String ZOO = "zoo/";
    private static final String THUMBNAILS = "thumbnails/parts/";

    private final ArtifactStore artifacts;

    public Parts(ArtifactStore artifacts) {
        this.artifacts = artifacts;
    }

    /** Every part's newest version (OpenSCAD programs left out: they are how a part was made, not a part). */
    public List<Artifact> all() {
        return artifacts.list(PREFIX).stream().filter(part -> !part.name().endsWith(".scad")).toList();
    }

    /** A part by its file name, case aside, or by its name without the extension ("clip" for clip.stl) when that is one part. */
    public Optional<Artifact> find(String name) {
        String asked = name.strip().toLowerCase(Locale.ROOT);
        List<Artifact> parts = all();
        Optional<Artifact> exact = parts.stream().filter(part -> fileName(part).toLowerCase(Locale.ROOT).equals(asked)).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        List<Artifact> byStem = parts.stream().filter(part -> stem(fileName(part)).toLowerCase(Locale.ROOT).equals(asked)).toList();
        return byStem.size() == 1 ? Optional.of(byStem.get(0)) : Optional.empty();
    }

    /** Keeps a dropped or opened file as a new version of its part, with where it came from and anything else said of it. */
    public Artifact keep(Path file, Map<String, String> metadata) throws IOException {
        Map<String, String> said = new HashMap<>(metadata);
        said.put("source", file.toAbsolutePath().toString());
        try (InputStream in = Files.newInputStream(file)) {
            return artifacts.put(PREFIX + file.getFileName(), contentType(file.getFileName().toString()), in, said);
        }
    }

    /** A part file's media type, by its extension. */
    static String contentType(String file) {
        String name = file.toLowerCase(Locale.ROOT);
        return name.endsWith(".stl") ? "model/stl" : name.endsWith(".3mf") ? "model/3mf" : name.endsWith(".obj") ? "model/obj"
                : name.endsWith(".step") || name.endsWith(".stp") ? "model/step" : "application/octet-stream";
    }

    /** Every version of a part, newest first. */
    public List<Artifact> versions(String file) {
        return artifacts.versions(PREFIX + file);
    }

    /** A part version's picture for the list (a PNG), when one was made the way pictures are drawn now. */
    public Optional<byte[]> thumbnail(Artifact part) throws IOException {
        Optional<Artifact> picture = artifacts.latest(THUMBNAILS + part.id() + ".png")
                .filter(kept -> kept.metadata().getOrDefault("drawing", "1").equals(Thumbnail.DRAWING));
        if (picture.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = artifacts.open(picture.get().id())) {
            return Optional.of(in.readAllBytes());
        }
    }

    /** Keeps a part version's picture (see {@link Thumbnail}). */
    public void keepThumbnail(Artifact part, byte[] png) {
        artifacts.put(THUMBNAILS + part.id() + ".png", "image/png", new ByteArrayInputStream(png), Map.of("part", part.name(),
                "drawing", Thumbnail.DRAWING));
    }

    /** One version of a part, by its artifact id. */
    public Optional<Artifact> version(String id) {
        return artifacts.find(id);
    }

    /** A copy of the part's bytes in {@code folder}, under its file name. */
    public Path copyOut(Artifact part, Path folder) throws IOException {
        Path file = folder.resolve(fileName(part));
        try (InputStream in = artifacts.open(part.id())) {
            Files.copy(in, file);
        }
        return file;
    }

    /** Keeps a part made from words as {@code parts/FILE}, with its program as {@code parts/STEM.scad}. */
    public Artifact keepMade(TextToCad.Made made, String file) throws IOException {
        Artifact program = artifacts.put(PREFIX + stem(file) + ".scad", "application/x-openscad",
                new ByteArrayInputStream(made.program().source().getBytes(StandardCharsets.UTF_8)), Map.of("prompt", made.prompt(), "model", made.model()));
        try (InputStream stl = Files.newInputStream(made.stl())) {
            return artifacts.put(PREFIX + file, contentType(file), stl, Map.of("source", "made from words", "prompt", made.prompt(), "model", made.model(),
                    "program", program.id(), "repairs", String.valueOf(made.repairs()), "parameters", parameters(made.program())));
        }
    }

    /**
     * Keeps a part Zoo made as {@code parts/FILE}, with the prompt and Zoo's job; its STEP (and KCL program, when Zoo
     * sent them) are kept beside it as {@code zoo/STEM.step} and {@code zoo/STEM.kcl}, linked from the part.
     */
    public Artifact keepFromZoo(ZooTextToCad.Made made, String prompt, String file) throws IOException {
        Map<String, String> metadata = new HashMap<>(Map.of("source", "made from words by Zoo's text to CAD", "prompt", prompt,
                "model", "Zoo text-to-cad", "zoo job", made.id()));
        if (made.step().isPresent()) {
            try (InputStream step = Files.newInputStream(made.step().get())) {
                metadata.put("step", artifacts.put(ZOO + stem(file) + ".step", "model/step", step, Map.of("zoo job", made.id())).id());
            }
        }
        made.code().ifPresent(code -> metadata.put("kcl", artifacts.put(ZOO + stem(file) + ".kcl", "text/plain",
                new ByteArrayInputStream(code.getBytes(StandardCharsets.UTF_8)), Map.of("zoo job", made.id())).id()));
        try (InputStream stl = Files.newInputStream(made.stl())) {
            return artifacts.put(PREFIX + file, contentType(file), stl, metadata);
        }
    }

    /** The OpenSCAD program a part made from words was rendered from; empty for a part that was dropped or opened. */
    public Optional<ScadProgram> program(Artifact part) throws IOException {
        String id = part.metadata().getOrDefault("program", "");
        if (id.isEmpty() || artifacts.find(id).isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = artifacts.open(id)) {
            return Optional.of(ScadProgram.of(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    /** A program's parameters as "name=value, …", the way they are kept with a part. */
    public static String parameters(ScadProgram program) {
        return program.parameters().stream().map(p -> p.name() + "=" + p.value()).collect(Collectors.joining(", "));
    }

    public static String fileName(Artifact part) {
        return part.name().startsWith(PREFIX) ? part.name().substring(PREFIX.length()) : part.name();
    }

    /** A file name without its extension. */
    public static String stem(String file) {
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}
