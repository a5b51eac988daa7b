package jarvis.audio.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a reply streaming in, piece by piece, into sentences to speak as soon as each is complete: the first sentence
 * can be spoken while the rest is still being written. Reasoning ({@code <think>…</think>}), code blocks and tables are
 * never read out; Markdown's marks (emphasis, inline code, links, headings, list bullets) are dropped, their words kept.
 */
public final class SpokenText {

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?…]+[\"')\\]]*\\s+");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*+]|\\d+[.)])\\s+");
    private static final Pattern HEADING = Pattern.compile("^\\s*#{1,6}\\s*");
    private static final Pattern MARKS = Pattern.compile("\\*\\*|__|[*`~]|(?<=\\s|^)_|_(?=\\s|$|[.,!?])");
    private static final String THINK = "<think>";
    private static final String THOUGHT = "</think>";

    /** The line being written, not yet spoken. */
    private final StringBuilder line = new StringBuilder();
    private boolean inCode;
    private boolean thinking;

    /** Takes the next piece of the reply; gives the sentences it completed, ready to speak. */
    public List<String> add(String piece) {
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (c == '\n') {
                endLine(sentences);
            } else {
                line.append(c);
            }
        }
        dropThinking(sentences);
        if (!thinking && !inCode && speakable(line)) {
            Matcher end = SENTENCE_END.matcher(line);
            int from = 0;
            while (end.find()) {
                add(sentences, line.substring(from, end.end()));
                from = end.end();
            }
            line.delete(0, from);
        }
        return sentences;
    }

    /** The reply is complete: whatever is left, spoken. */
    public List<String> finish() {
        List<String> sentences = new ArrayList<>();
        endLine(sentences);
        inCode = false;
        thinking = false;
        return sentences;
    }

    private void endLine(List<String> sentences) {
        dropThinking(sentences);
        String text = line.toString();
        line.setLength(0);
        if (thinking) {
            return;
        }
        if (text.strip().startsWith("```") || text.strip().startsWith("~~~")) {
            inCode = !inCode;
            return;
        }
        if (inCode || text.strip().startsWith("|")) {
            return;
        }
        // A line's end ends what it says: a heading, a list item, a paragraph.
        add(sentences, text);
    }

    /**
     * Drops reasoning from the line: a {@code <think>} and what follows up to its {@code </think>}; what came before it
     * is said.
     */
    private void dropThinking(List<String> sentences) {
        while (true) {
            if (thinking) {
                int close = line.indexOf(THOUGHT);
                if (close < 0) {
                    // Kept: the start of a closing tag split across pieces.
                    line.delete(0, Math.max(0, line.length() - (THOUGHT.length() - 1)));
                    return;
                }
                line.delete(0, close + THOUGHT.length());
                thinking = false;
            } else {
                int open = line.indexOf(THINK);
                if (open < 0) {
                    return;
                }
                add(sentences, line.substring(0, open));
                line.delete(0, open + THINK.length());
                thinking = true;
            }
        }
    }

    /** A line that cannot yet be a table, a fence or a tag half written. */
    private static boolean speakable(CharSequence text) {
        String start = text.toString().stripLeading();
        return !start.startsWith("|") && !start.startsWith("`") && !start.startsWith("~") && !start.startsWith("<");
    }

    private static void add(List<String> sentences, String raw) {
        String text = HEADING.matcher(raw).replaceFirst("");
        text = BULLET.matcher(text).replaceFirst("");
        text = LINK.matcher(text).replaceAll("$1");
        text = MARKS.matcher(text).replaceAll("");
        text = text.replaceAll("\\s+", " ").strip();
        if (text.codePoints().anyMatch(Character::isLetterOrDigit)) {
            sentences.add(text);
        }
    }
}
