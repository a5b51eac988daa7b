package jarvis.devices.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.devices.cameras.CameraBook;
import jarvis.devices.tools.CameraTools;
import jarvis.orchestrator.tools.CommandHandler;
import jarvis.orchestrator.tools.ToolRunner;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cameras' commands without a model, in the chat box and with {@code ./jarvis do}: "show the shop camera", "show
 * me camera Door", "snapshot of the bench camera", "take a picture of the shop". The picture is taken through the
 * camera tool, kept as an artifact, and the answer says where.
 */
public final class CameraCommands implements CommandHandler {

    private static final Pattern SHOW = Pattern.compile("^(?:please\\s+)?(?:show(?:\\s+me)?|open|snapshot(?:\\s+of)?|take\\s+a\\s+(?:picture|photo|"
            + "snapshot)\\s+(?:of|from|with)|look\\s+(?:at|through))\\s+(?:the\\s+)?(?:camera\\s+|cam\\s+)?(.+?)(?:'s)?(?:\\s+(?:camera|cam))?\\s*[.!]?$");

    private final CameraTools tools;
    private final ObjectMapper json = new ObjectMapper();
    private final RecentNames names;

    public CameraCommands(Supplier<CameraBook> book, CameraTools tools) {
        this.tools = tools;
        this.names = new RecentNames(() -> book.get().entries().stream().map(CameraBook.Entry::name).toList());
    }

    @Override
    public boolean matches(String text) {
        return camera(text).isPresent();
    }

    /** The camera the words show, when they are a camera command naming one in the book. */
    private Optional<String> camera(String text) {
        Matcher show = SHOW.matcher(text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
        if (!show.matches()) {
            return Optional.empty();
        }
        return names.find(show.group(1));
    }

    @Override
    public Handled carryOut(String text, ToolRunner runner, ToolRunner.Asker asker) {
        Optional<String> camera = camera(text);
        if (camera.isEmpty()) {
            return new Handled("That is not a camera command I know: try \"show the shop camera\".", List.of(), false);
        }
        ToolRunner.Ran ran = runner.run(tools.snapshot(), json.createObjectNode().put("camera", camera.get()), asker);
        boolean done = ran.card().status() == ToolRunner.Status.DONE;
        return new Handled(done ? ran.card().summary() + ". The Cameras area (Cmd/Ctrl+4) shows it live." : ran.card().summary(),
                List.of(ran.card()), done);
    }
}
