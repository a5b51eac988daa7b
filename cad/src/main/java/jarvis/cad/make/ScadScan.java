package jarvis.cad.make;

/**
 * Reading OpenSCAD text a character at a time, as the code sees it: whether a character is inside a string, and how
 * deep in brackets the code is. The assertion handling walks statements with it.
 */
final class ScadScan {

    private int depth;
    private boolean quoted;
    private char previous;

    /**
     * Takes the next character; true when it is code (outside a string), with the depth already counting it when it
     * opens or closes a bracket ({@code (} and, when {@code squares}, {@code [}).
     */
    boolean code(char c, boolean squares) {
        boolean inString = quoted;
        if (quoted) {
            quoted = c != '"' || previous == '\\';
        } else if (c == '"') {
            quoted = true;
        } else if (c == '(' || squares && c == '[') {
            depth++;
        } else if (c == ')' || squares && c == ']') {
            depth--;
        }
        previous = c;
        return !inString && c != '"';
    }

    /** How deep in brackets the code is after the characters taken so far. */
    int depth() {
        return depth;
    }
}
