package jarvis.tests.studio;

/** Parts as a model writes them under the part schema, for the tests that compose. */
public final class WrittenParts {

    private WrittenParts() {}

    /** A melodic part: a bar of four quarter notes on a finger bass. */
    public static final String BASS = "{\"kind\":\"melodic\",\"instrument\":\"electric_bass_finger\",\"bpm\":120,\"bars\":1,\"beatsPerBar\":4,"
            + "\"notes\":[{\"start\":0,\"length\":1,\"pitch\":40,\"velocity\":100},{\"start\":1,\"length\":1,\"pitch\":43,\"velocity\":90},"
            + "{\"start\":2,\"length\":1,\"pitch\":45,\"velocity\":100},{\"start\":3,\"length\":1,\"pitch\":47,\"velocity\":90}]}";
}
