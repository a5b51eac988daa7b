package jarvis.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jarvis.orchestrator.conversation.Conversation;
import jarvis.orchestrator.conversation.ConversationService;
import jarvis.orchestrator.conversation.TurnListener;
import jarvis.orchestrator.conversation.TurnRequest;
import jarvis.orchestrator.conversation.TurnResult;
import jarvis.orchestrator.routing.RouteRecord;
import jarvis.orchestrator.tools.ToolRunner;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jarvis ask}: one turn through the same router as the window, streamed to standard output. */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = "Asks Jarvis: the local model first, the cloud model only when needed and allowed. The reply streams "
                + "to standard output and is stored like one typed in the window. Continues the most recent conversation "
                + "unless --new or --conversation says otherwise. Exits 1 when no model could answer.")
final class AskCommand implements Callable<Integer> {

    /** Where the message goes. */
    static final class Target {
        @Option(names = "--new", description = "Start a new conversation.") boolean fresh;
        @Option(names = "--conversation", paramLabel = "ID", description = "Continue this conversation.") String conversation;
    }

    private static final Duration HOUSE_PATIENCE = Duration.ofSeconds(5);

    @ParentCommand JarvisCommand root;
    @ArgGroup(exclusive = true) Target target = new Target();
    @Option(names = "--private", description = "Keep this conversation on this machine (a new one starts private).") boolean privateMode;
    @Option(names = "--cloud", description = "Ask the cloud model for this message.") boolean cloud;
    @Option(names = "--json", description = "End with one JSON object: conversation, tier, model, score, reasons, tokens, cost, timings.") boolean json;
    @Parameters(paramLabel = "TEXT", arity = "1..*", description = "The message.") List<String> words;

    @Override
    public Integer call() throws Exception {
        ConversationService conversations = root.core().openStorage().conversations();
        root.core().confirmWith(new TerminalConfirmer());
        // The house's tools see what its sources know: a question right after start waits a moment for them to connect.
        if (!root.core().home().configured().isEmpty()) {
            root.core().home().awaitSettled(HOUSE_PATIENCE);
        }
        String conversationId = target.fresh ? null : target.conversation != null ? target.conversation
                : conversations.store().list().stream().map(Conversation::id).findFirst().orElse(null);
        if (conversationId != null && privateMode) {
            conversations.store().setPrivate(conversationId, true);
        }
        PrintWriter out = root.out();
        TurnResult result;
        try {
            result = conversations.send(new TurnRequest(conversationId, String.join(" ", words), privateMode, cloud), new TurnListener() {
                @Override
                public void onText(String delta) {
                    out.print(delta);
                    out.flush();
                }

                @Override
                public void onToolCall(ToolRunner.Card card) {
                    out.println("[" + card.tool() + ", " + card.hazard().name().toLowerCase(Locale.ROOT) + "] " + card.summary());
                    out.flush();
                }

                @Override
                public void onEscalation(String reason) {
                    out.println();
                    out.flush();
                    root.err().println("[" + reason + "; the cloud model answers instead]");
                }
            }).result().get();
        } catch (IllegalArgumentException e) {
            root.err().println("jarvis: " + e.getMessage());
            return JarvisCommand.BAD_INPUT;
        }
        out.println();
        if (!result.answered()) {
            root.err().println("jarvis: no model could answer. " + result.reply().error());
        }
        if (json) {
            out.println(summary(result));
        }
        out.flush();
        return result.answered() ? 0 : 1;
    }

    private static String summary(TurnResult result) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        RouteRecord route = result.route();
        ObjectNode node = mapper.createObjectNode();
        node.put("conversation", result.conversation().id());
        node.put("answered", result.answered());
        node.put("tier", route.tier().label());
        node.put("provider", route.provider());
        node.put("model", route.model());
        if (route.score() == null) {
            node.putNull("score");
        } else {
            node.put("score", route.score());
        }
        node.put("escalated", route.escalated());
        node.set("reasons", mapper.valueToTree(route.reasons()));
        node.putObject("tokens").put("in", route.tokensIn()).put("out", route.tokensOut());
        if (route.cost() == null) {
            node.putNull("cost");
        } else {
            node.put("cost", route.cost());
        }
        ObjectNode timings = node.putObject("timings");
        if (route.firstTokenMillis() != null) {
            timings.put("firstTokenMs", route.firstTokenMillis());
        }
        timings.put("totalMs", route.totalMillis());
        if (result.reply().error() != null) {
            node.put("error", result.reply().error());
        }
        return mapper.writeValueAsString(node);
    }
}
