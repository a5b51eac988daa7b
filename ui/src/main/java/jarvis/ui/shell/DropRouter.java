package jarvis.ui.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Sends each dropped file to the area that opens its type. Files no area opens yet are named in one clear
 * message, by type, instead of being ignored.
 */
public final class DropRouter {

    /** An area that opens some file types. */
    public interface Handler {
        Area area();

        boolean accepts(Path file);

        void open(List<Path> files);

        /** An area that takes the files {@code accepts} likes, brought forward before {@code open} gets them. */
        static Handler of(Area area, Predicate<Path> accepts, Consumer<List<Path>> open) {
            return new Handler() {
                @Override
                public Area area() {
                    return area;
                }

                @Override
                public boolean accepts(Path file) {
                    return accepts.test(file);
                }

                @Override
                public void open(List<Path> files) {
                    open.accept(files);
                }
            };
        }
    }

    /** What happened to one drop: which area took which files, and the message for the rest. */
    public record Outcome(Map<Area, List<Path>> opened, List<Path> refused, String message) {
        public boolean allOpened() {
            return refused.isEmpty();
        }
    }

    private final List<Handler> handlers;

    public DropRouter(List<Handler> handlers) {
        this.handlers = List.copyOf(handlers);
    }

    public Outcome route(List<Path> files) {
        Map<Area, List<Path>> opened = new LinkedHashMap<>();
        List<Path> refused = new ArrayList<>();
        for (Path file : files) {
            handlers.stream().filter(handler -> !Files.isDirectory(file) && handler.accepts(file)).findFirst()
                    .ifPresentOrElse(handler -> opened.computeIfAbsent(handler.area(), a -> new ArrayList<>()).add(file),
                            () -> refused.add(file));
        }
        handlers.forEach(handler -> {
            List<Path> mine = opened.get(handler.area());
            if (mine != null) {
                handler.open(List.copyOf(mine));
            }
        });
        return new Outcome(opened, List.copyOf(refused), refused.isEmpty() ? "" : refusal(refused));
    }

    private static String refusal(List<Path> refused) {
        TreeSet<String> types = new TreeSet<>();
        List<String> names = new ArrayList<>();
        for (Path file : refused) {
            types.add(typeOf(file));
            names.add(String.valueOf(file.getFileName()));
        }
        String shown = names.size() <= 3 ? String.join(", ", names) : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
        return "Jarvis cannot open " + String.join(", ", types) + " yet (" + shown + "). Nothing was changed; "
                + "drop files of a type an area lists, or see Activity for what each area takes.";
    }

    static String typeOf(Path file) {
        if (Files.isDirectory(file)) {
            return "folders";
        }
        String name = String.valueOf(file.getFileName());
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return "files without an extension";
        }
        return "." + name.substring(dot + 1).toLowerCase(Locale.ROOT) + " files";
    }
}
