package jarvis.orchestrator.routing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warning signs read from the words of a question and its answer. Each is evidence that moves the score, never a
 * verdict on its own.
 *
 * <ul>
 *   <li><b>Hedging</b> counts when it governs the answer: the model saying it does not know, cannot be sure or cannot
 *       see current data ("I'm not sure", "as of my knowledge cutoff"). A "might be" or "possibly" inside an
 *       explanation is how careful answers read and does not count. "I think" or "I believe" count, weakly, only
 *       when they open the answer.</li>
 *   <li><b>Refusal</b>: the model declines to help.</li>
 *   <li><b>Fresh information about the world</b>: news, prices, markets, weather, results, releases and versions.
 *       Words of time alone ("now", "today", "current") do not count: "what current does this stepper draw" or
 *       "is the bed hot right now" are about the workshop, which tools answer from live state.</li>
 * </ul>
 */
public final class AnswerEvidence {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final String APOSTROPHE = "['’]";

    private static final Pattern GOVERNING_HEDGE = Pattern.compile("\\b("
            + "i" + APOSTROPHE + "?m not (?:sure|certain|confident)|i am not (?:sure|certain|confident)"
            + "|i (?:don" + APOSTROPHE + "?t|do not) (?:know|have (?:reliable|enough|specific|current|up-to-date|real-time|live) (?:information|data|details))"
            + "|i can(?:no|" + APOSTROPHE + ")t (?:be (?:sure|certain)|verify|confirm|say for (?:sure|certain))"
            + "|i(?:" + APOSTROPHE + "m| am) (?:unable|not able) to (?:verify|confirm|say)"
            + "|(?:as of|since) my (?:knowledge cutoff|last (?:update|training)|training data)"
            + "|i (?:don" + APOSTROPHE + "?t|do not) have access to (?:real-time|current|live|the internet)"
            + "|i can(?:no|" + APOSTROPHE + ")t (?:browse|access the internet)"
            + "|i(?:" + APOSTROPHE + "m| am) (?:just |only )?guessing|(?:it" + APOSTROPHE + "?s|it is) (?:hard|difficult) to say"
            + "|i (?:may|might) be (?:wrong|mistaken)|not entirely sure"
            + ")\\b", FLAGS);
    private static final Pattern OPENING_HEDGE = Pattern.compile("^\\W*(i think|i believe|probably|possibly|perhaps|maybe|"
            + "if i recall correctly|if i remember correctly)\\b", FLAGS);
    private static final Pattern REFUSAL = Pattern.compile("\\b(i can(?:no|" + APOSTROPHE + ")t (?:help|assist) with"
            + "|i(?:" + APOSTROPHE + "m| am) sorry,? but i (?:can(?:no|" + APOSTROPHE + ")t|won" + APOSTROPHE + "?t)"
            + "|i (?:won" + APOSTROPHE + "?t|will not) (?:help|do that|provide)"
            + "|i(?:" + APOSTROPHE + "m| am) (?:not able|unable) to (?:help|assist|do that|provide))\\b", FLAGS);
    private static final Pattern WORLD = Pattern.compile("\\b(news|headlines?|stock (?:price|market)|share price|exchange rate|crypto\\w*|bitcoin"
            + "|weather|forecast|election|who won|final score|(?:prices?|cost|costs) (?:of|for)|how much (?:is|are|does|do) [\\w\\s-]{1,40}? cost"
            + "|latest (?:version|release|firmware|update|model|news)|newest (?:version|release|firmware|model)"
            + "|current (?:version|release|firmware|price|president|prime minister|ceo|leader|champion|record)"
            + "|(?:was|were|is|are|will) [\\w\\s-]{1,40}? (?:released|launched|announced)|release date|came out|come out)\\b", FLAGS);

    /** The signs found in one answer. Each optional holds the words that showed it. */
    public record Signs(Optional<String> governingHedge, Optional<String> openingHedge, Optional<String> refusal,
                        Optional<String> freshWorld) {}

    private AnswerEvidence() {}

    public static Signs read(String question, String answer) {
        String text = answer == null ? "" : answer;
        Optional<String> refusal = find(REFUSAL, text);
        Optional<String> hedge = refusal.isPresent() ? Optional.empty() : find(GOVERNING_HEDGE, text);
        Optional<String> opening = refusal.isPresent() || hedge.isPresent() ? Optional.empty() : find(OPENING_HEDGE, text.strip());
        return new Signs(hedge, opening, refusal, find(WORLD, question == null ? "" : question));
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
