package jarvis.audio.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JSON a model writes a part in: its schema (given to Ollama as {@code format}, so the model's tokens keep to it)
 * and the reading of an answer: checked against the schema, then for sense (drums name drums, melodic notes have
 * pitches, notes fall inside the part), then quantised to sixteenths.
 */
public final class PartSchema {

    /** The grid notes are put on: a sixteenth note, in beats. */
    static final double GRID = 0.25;
    /** The most notes a part may hold: a busy 32-bar part is well under it. */
    static final int MOST_NOTES = 2000;
    /** The longest a part may play: 32 bars at 60 bpm. */
    static final int MOST_SECONDS = 128;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode SCHEMA = build();
    /**
     * What an answer is checked against: the schema, but with a note's length of 0 allowed. llama.cpp's grammar does not
     * hold numbers to their bounds, small models write drum hits as 0 long, and quantising makes every note at least a
     * sixteenth anyway: no reason to send the part back.
     */
    private static final JsonSchema CHECK = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(lenient(SCHEMA));

    private PartSchema() {}

    /** The schema, for Ollama's {@code format}. */
    private static ObjectNode lenient(ObjectNode schema) {
        ObjectNode copy = schema.deepCopy();
        for (JsonNode shape : copy.path("properties").path("notes").path("items").path("anyOf")) {
            ((ObjectNode) shape.path("properties").path("length")).remove("exclusiveMinimum");
            ((ObjectNode) shape.path("properties").path("length")).put("minimum", 0);
        }
        return copy;
    }

    public static ObjectNode schema() {
        return SCHEMA.deepCopy();
    }

    private static ObjectNode build() {
        // Every field required, in the order a model should decide them (llama.cpp's grammar writes required fields first).
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ArrayNode required = schema.putArray("required");
        List.of("kind", "instrument", "bpm", "bars", "beatsPerBar", "notes").forEach(required::add);
        ObjectNode properties = schema.putObject("properties");
        ArrayNode kinds = properties.putObject("kind").putArray("enum");
        kinds.add("drums").add("melodic");
        ArrayNode instruments = properties.putObject("instrument").putArray("enum");
        GeneralMidi.INSTRUMENTS.forEach(instruments::add);
        properties.putObject("bpm").put("type", "number").put("minimum", 40).put("maximum", 240);
        properties.putObject("bars").put("type", "integer").put("minimum", 1).put("maximum", 32);
        properties.putObject("beatsPerBar").put("type", "integer").put("minimum", 2).put("maximum", 12);
        // A note is a drum hit or a pitched note: each shape requires its own key, so the grammar cannot leave both out.
        // No maxItems: llama.cpp turns it into a rule per item; the count is checked after.
        ArrayNode shapes = properties.putObject("notes").put("type", "array").put("minItems", 1).putObject("items").putArray("anyOf");
        ObjectNode drum = shapes.addObject().put("type", "object");
        drum.putArray("required").add("start").add("length").add("drum").add("velocity");
        ObjectNode drumFields = drum.putObject("properties");
        drumFields.putObject("start").put("type", "number").put("minimum", 0);
        drumFields.putObject("length").put("type", "number").put("exclusiveMinimum", 0);
        ArrayNode drums = drumFields.putObject("drum").putArray("enum");
        GeneralMidi.DRUMS.keySet().stream().sorted(Comparator.comparing(GeneralMidi.DRUMS::get)).forEach(drums::add);
        drumFields.putObject("velocity").put("type", "integer").put("minimum", 1).put("maximum", 127);
        ObjectNode pitched = shapes.addObject().put("type", "object");
        pitched.putArray("required").add("start").add("length").add("pitch").add("velocity");
        ObjectNode pitchedFields = pitched.putObject("properties");
        pitchedFields.putObject("start").put("type", "number").put("minimum", 0);
        pitchedFields.putObject("length").put("type", "number").put("exclusiveMinimum", 0);
        pitchedFields.putObject("pitch").put("type", "integer").put("minimum", 0).put("maximum", 127);
        pitchedFields.putObject("velocity").put("type", "integer").put("minimum", 1).put("maximum", 127);
        return schema;
    }

    /**
     * Reads a model's answer as a part.
     *
     * @throws PartException saying each thing that is wrong, in words a model can repair from
     */
    public static Part read(String answer) throws PartException {
        JsonNode root;
        try {
            root = JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            throw new PartException("The answer is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PartException("The answer is not a JSON object.");
        }
        Set<ValidationMessage> errors = CHECK.validate(root);
        if (!errors.isEmpty()) {
            throw new PartException("The part does not follow the schema: " + errors.stream().map(ValidationMessage::getMessage).sorted().limit(8)
                    .collect(Collectors.joining("; ")) + ".");
        }
        Part.Kind kind = root.path("kind").asText().equals("drums") ? Part.Kind.DRUMS : Part.Kind.MELODIC;
        String instrument = root.path("instrument").asText("acoustic_grand_piano");
        int beatsPerBar = root.path("beatsPerBar").asInt(4);
        JsonNode written = root.path("notes");
        if (written.size() > MOST_NOTES) {
            throw new PartException("The part has " + written.size() + " notes; a part holds at most " + MOST_NOTES + ".");
        }
        // Notes written past the bars asked for lengthen the part (up to 32 bars), as a person would read them.
        double lastStart = 0;
        for (JsonNode note : written) {
            lastStart = Math.max(lastStart, note.path("start").asDouble());
        }
        int bars = Math.min(32, Math.max(root.path("bars").asInt(), (int) Math.floor(lastStart / beatsPerBar) + 1));
        double length = bars * (double) beatsPerBar;
        if (length * 60 / root.path("bpm").asDouble() > MOST_SECONDS) {
            throw new PartException("The part would last " + Math.round(length * 60 / root.path("bpm").asDouble()) + " s; a part lasts at most "
                    + MOST_SECONDS + " s: fewer bars, or a faster tempo.");
        }
        List<String> problems = new ArrayList<>();
        List<Part.Note> notes = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        int index = 0;
        for (JsonNode note : written) {
            index++;
            int key;
            if (kind == Part.Kind.DRUMS) {
                if (!note.has("drum")) {
                    problems.add("note " + index + " of a drum part names no drum (it needs \"drum\", such as \"kick\")");
                    continue;
                }
                key = GeneralMidi.DRUMS.get(note.path("drum").asText());
            } else {
                if (!note.has("pitch")) {
                    problems.add("note " + index + " of a melodic part has no pitch (it needs \"pitch\", a MIDI note number)");
                    continue;
                }
                key = note.path("pitch").asInt();
            }
            double rawStart = note.path("start").asDouble();
            if (rawStart >= length) {
                problems.add("note " + index + " starts at beat " + rawStart + ", after the part's " + (int) length + " beats");
                continue;
            }
            // On the grid, never pushed out of the part by rounding.
            double start = Math.min(quantise(rawStart), length - GRID);
            double end = Math.min(length, Math.max(start + GRID, quantise(rawStart + note.path("length").asDouble())));
            if (seen.add(start + ":" + key)) {
                notes.add(new Part.Note(start, end - start, key, note.path("velocity").asInt()));
            }
        }
        if (!problems.isEmpty()) {
            throw new PartException("The part has notes that cannot be played: " + String.join("; ", problems.subList(0, Math.min(8, problems.size())))
                    + ".");
        }
        notes.sort(Comparator.comparingDouble(Part.Note::start).thenComparingInt(Part.Note::key));
        return new Part(kind, instrument, root.path("bpm").asDouble(), bars, beatsPerBar, notes);
    }

    /** A part as JSON, in the schema's shape (kept with its audio, so it can be rendered again). */
    public static String write(Part part) {
        ObjectNode root = JSON.createObjectNode().put("kind", part.kind() == Part.Kind.DRUMS ? "drums" : "melodic")
                .put("instrument", part.instrument().isBlank() ? "acoustic_grand_piano" : part.instrument()).put("bpm", part.bpm())
                .put("bars", part.bars()).put("beatsPerBar", part.beatsPerBar());
        ArrayNode notes = root.putArray("notes");
        for (Part.Note note : part.notes()) {
            ObjectNode n = notes.addObject().put("start", note.start()).put("length", note.length()).put("velocity", note.velocity());
            if (part.kind() == Part.Kind.DRUMS) {
                GeneralMidi.DRUMS.entrySet().stream().filter(e -> e.getValue() == note.key()).findFirst().ifPresent(e -> n.put("drum", e.getKey()));
            } else {
                n.put("pitch", note.key());
            }
        }
        return root.toString();
    }

    private static double quantise(double beats) {
        return Math.max(0, Math.round(beats / GRID) * GRID);
    }
}
