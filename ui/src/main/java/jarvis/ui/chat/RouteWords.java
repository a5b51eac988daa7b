package jarvis.ui.chat;

import jarvis.orchestrator.conversation.MessageState;
import jarvis.orchestrator.routing.EscalationPolicy;
import jarvis.orchestrator.routing.RouteRecord;
import jarvis.orchestrator.routing.Tier;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a reply's route says, in a person's words: the badge's chip and parts, what each part means (shown on hover),
 * and the title of its details. A reply that failed or was cut off says so first; it never wears a plain "local".
 */
public final class RouteWords {

    /** One part of the badge and what it means. */
    public record Part(String text, String meaning) {}

    /** How the chip looks: a failure, a cut-off reply, or the tier that answered. */
    public enum Look { FAILED, CUT, LOCAL, CLOUD, FAST_PATH }

    private RouteWords() {}

    public static Look look(RouteRecord route, MessageState state) {
        if (state == MessageState.FAILED) {
            return Look.FAILED;
        }
        if (state == MessageState.CUT || state == MessageState.INTERRUPTED) {
            return Look.CUT;
        }
        return Look.valueOf(route.tier().name());
    }

    /** The chip: "failed", "cut off", "local", "cloud (escalated)", "fast path". */
    public static String chip(RouteRecord route, MessageState state) {
        return switch (look(route, state)) {
            case FAILED -> route.tier().label() + " · failed";
            case CUT -> route.tier().label() + " · cut off";
            default -> route.tier().label() + (route.escalated() ? " (escalated)" : "");
        };
    }

    /** The details' title: "Answered by gpt-4.1-mini in 0.9 s", "llama3.2 failed after 2.1 s". */
    public static String title(RouteRecord route, MessageState state) {
        String who = route.tier() == Tier.FAST_PATH ? "without a model" : "by " + (route.model() == null ? "the model" : route.model());
        String model = route.model() == null ? "The model" : route.model();
        String time = route.totalMillis() == null ? "" : " " + (state == MessageState.FAILED || state == MessageState.CUT ? "after " : "in ")
                + seconds(route.totalMillis());
        return switch (state) {
            case FAILED -> model + " failed" + time;
            case CUT -> model + " was cut off after " + EscalationPolicy.tokens(route.tokensOut());
            case STOPPED -> "You stopped " + model + (route.totalMillis() == null ? "" : " after " + seconds(route.totalMillis()));
            case INTERRUPTED -> "Interrupted: Jarvis stopped while " + model + " was answering";
            default -> "Answered " + who + time;
        };
    }

    /** The badge's parts after the chip, each with what it means. */
    public static List<Part> parts(RouteRecord route, MessageState state) {
        List<Part> parts = new ArrayList<>();
        if (route.model() != null) {
            parts.add(new Part(route.model(), route.tier() == Tier.CLOUD
                    ? "The cloud model" + (route.provider() == null ? "" : " at " + route.provider()) + " wrote this reply."
                    : "The model on this machine (Ollama) wrote this reply."));
        }
        if (route.firstTokenMillis() != null) {
            parts.add(new Part("first token " + route.firstTokenMillis() + " ms",
                    "How long after you sent the message the first word appeared."));
        }
        if (route.totalMillis() != null) {
            parts.add(new Part(seconds(route.totalMillis()), "How long the whole reply took, from sending to its last word."));
        }
        if (route.tier() != Tier.FAST_PATH) {
            parts.add(new Part(route.tokensIn() + " → " + route.tokensOut() + " tokens", "Tokens are the pieces of text models read and "
                    + "write (about ¾ of a word). " + route.tokensIn() + " in: the conversation as the model read it. " + route.tokensOut()
                    + " out: this reply." + (route.usageEstimated() ? " Estimated from the text: the server sent no counts." : "")));
            if (state != MessageState.FAILED) {
                parts.add(cost(route));
            }
        }
        if (route.score() != null) {
            parts.add(new Part(String.format(Locale.ROOT, "local score %.2f", route.score()), "How sure Jarvis is that the local answer "
                    + "was good enough, from 0 to 1, learnt from your thumbs. Below the threshold (Settings, Routing) the cloud model "
                    + "is asked when that is allowed."));
        }
        if (route.escalated() || route.reasons().stream().anyMatch(r -> r.contains("not escalated"))) {
            parts.add(new Part(route.reasons().getLast(), "Why this reply came from where it did. Click the badge for every reason."));
        }
        return parts;
    }

    private static Part cost(RouteRecord route) {
        if (route.tier() == Tier.LOCAL) {
            return new Part("free", "Answered on this machine: no cloud model was paid.");
        }
        if (route.cost() == null) {
            return new Part("price unknown", "Settings has no price for " + route.model() + " (Cloud model, Prices), so Jarvis cannot "
                    + "say what this cost.");
        }
        return new Part("$" + route.cost().setScale(4, RoundingMode.HALF_UP).toPlainString(), "What the provider charges for this "
                + "reply, from its tokens and the prices in Settings (Cloud model, Prices). It counts against the daily and monthly budget.");
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
