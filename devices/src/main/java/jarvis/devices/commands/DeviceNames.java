package jarvis.devices.commands;

import jarvis.devices.home.Entity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Finds the devices a person named: by name or alias, by area and kind at once ("the shop lights", "all covers"),
 * tolerant of case, plurals and a small misspelling. A name that fits several says which; a name that fits none says
 * which one it comes closest to.
 */
public final class DeviceNames {

    /** What a name came to. */
    public sealed interface Found {}

    /** The devices meant. */
    public record Devices(List<Entity> entities) implements Found {}

    /** Several fit equally: the person is asked which. */
    public record Which(String name, List<Entity> candidates) implements Found {}

    /** Nothing fits; {@code closest} is the nearest name, if any is near. */
    public record Nothing(String name, Optional<String> closest) implements Found {}

    /** Words for a kind of device, as a person says them, and the domains they mean. */
    private static final Map<String, Set<String>> KINDS = Map.ofEntries(
            Map.entry("light", Set.of("light")), Map.entry("lamp", Set.of("light")),
            Map.entry("switch", Set.of("switch")), Map.entry("plug", Set.of("switch")), Map.entry("socket", Set.of("switch")),
            Map.entry("fan", Set.of("fan")),
            Map.entry("cover", Set.of("cover")), Map.entry("blind", Set.of("cover")), Map.entry("shutter", Set.of("cover")),
            Map.entry("door", Set.of("cover", "lock")), Map.entry("lock", Set.of("lock")),
            Map.entry("heater", Set.of("climate")), Map.entry("thermostat", Set.of("climate")),
            Map.entry("sensor", Set.of("sensor")), Map.entry("scene", Set.of("scene")));

    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private DeviceNames() {}

    /** The devices among {@code entities}, of the {@code domains} an action works on, that {@code name} means. */
    public static Found find(String name, Collection<Entity> entities, Set<String> domains) {
        String wanted = words(name);
        List<Entity> fitting = entities.stream().filter(entity -> domains.isEmpty() || domains.contains(entity.domain())).toList();
        // A device's own name comes first: "the office lamp" is that lamp, not every light in the office.
        List<Entity> exact = fitting.stream().filter(entity -> names(entity).contains(wanted)).toList();
        if (!exact.isEmpty()) {
            return exact.size() == 1 ? new Devices(exact) : new Which(name, exact);
        }
        Optional<Found> group = group(plain(name), fitting);
        if (group.isPresent()) {
            return group.get();
        }
        List<Entity> containing = fitting.stream().filter(entity -> names(entity).stream().anyMatch(known -> containsWords(known, wanted)))
                .toList();
        if (!containing.isEmpty()) {
            return containing.size() == 1 ? new Devices(containing) : new Which(name, containing);
        }
        // A small misspelling: one edit in a short name, about one in five in a longer one; never in a number, so that
        // "bedroom 3 light" does not reach "Bedroom 2 light".
        int allowed = Math.max(1, wanted.length() / 5);
        List<Entity> near = fitting.stream().filter(entity -> distance(entity, wanted) <= allowed)
                .filter(entity -> digits(closestName(entity, wanted)).equals(digits(wanted))).toList();
        int best = near.stream().mapToInt(entity -> distance(entity, wanted)).min().orElse(Integer.MAX_VALUE);
        List<Entity> nearest = near.stream().filter(entity -> distance(entity, wanted) == best).toList();
        if (nearest.size() == 1) {
            return new Devices(nearest);
        }
        if (nearest.size() > 1) {
            return new Which(name, nearest);
        }
        Optional<String> closest = fitting.stream().min(Comparator.comparingInt(entity -> distance(entity, wanted))).map(Entity::name);
        return new Nothing(name, closest);
    }

    /** "shop lights", "lights in the shop", "all lights", "all the covers": an area and a kind, or a kind alone. */
    private static Optional<Found> group(String said, List<Entity> entities) {
        String phrase = said.replaceFirst("^all (?:the )?", "");
        boolean all = !phrase.equals(said);
        String area = null;
        String kindWord;
        int in = phrase.indexOf(" in ");
        if (in > 0) {
            kindWord = phrase.substring(0, in);
            area = phrase.substring(in + 4).replaceFirst("^the ", "");
        } else {
            int space = phrase.lastIndexOf(' ');
            kindWord = space < 0 ? phrase : phrase.substring(space + 1);
            area = space < 0 ? null : phrase.substring(0, space);
        }
        Set<String> domains = KINDS.get(singular(kindWord));
        boolean plural = !singular(kindWord).equals(kindWord);
        if (domains == null || (area == null && !all && !plural)) {
            return Optional.empty();
        }
        String areaName = area;
        List<Entity> group = entities.stream().filter(entity -> domains.contains(entity.domain()))
                .filter(entity -> areaName == null || (entity.area() != null && sameWords(entity.area(), areaName)))
                .toList();
        return group.isEmpty() ? Optional.empty() : Optional.of(new Devices(group));
    }

    /** An area named: its exact words, or a small misspelling of them that keeps its numbers. */
    static boolean sameWords(String known, String said) {
        String a = words(known);
        String b = words(said);
        return a.equals(b) || (digits(a).equals(digits(b)) && DISTANCE.apply(a, b) <= Math.max(1, b.length() / 5));
    }

    private static String digits(String text) {
        return text.replaceAll("\\D", "");
    }

    private static String closestName(Entity entity, String wanted) {
        return names(entity).stream().min(Comparator.comparingInt(known -> DISTANCE.apply(known, wanted))).orElse("");
    }

    private static List<String> names(Entity entity) {
        List<String> names = new ArrayList<>();
        names.add(words(entity.name()));
        if (entity.area() != null) {
            // "the shop ceiling light" answers "which one: Ceiling light (Shop) or Ceiling light (Office)?"
            names.add(words(entity.area() + " " + entity.name()));
        }
        names.add(words(entity.entityId().substring(entity.entityId().indexOf('.') + 1).replace('_', ' ')));
        entity.aliases().forEach(alias -> names.add(words(alias)));
        return names;
    }

    private static int distance(Entity entity, String wanted) {
        return names(entity).stream().mapToInt(known -> DISTANCE.apply(known, wanted)).min().orElse(Integer.MAX_VALUE);
    }

    private static boolean containsWords(String known, String wanted) {
        List<String> have = List.of(known.split(" "));
        for (String word : wanted.split(" ")) {
            if (!have.contains(word)) {
                return false;
            }
        }
        return true;
    }

    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N} ]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** Names normalised before: a house's names are searched at every command, and they rarely change. */
    private static final Map<String, String> NORMALISED = new ConcurrentHashMap<>();
    private static final int NORMALISED_KEPT = 20_000;

    /** Lower case, letters and digits only, without a leading "the". */
    private static String plain(String text) {
        String lower = SPACES.matcher(NOT_A_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ")).replaceAll(" ").strip();
        return lower.startsWith("the ") ? lower.substring(4) : lower;
    }

    /** {@link #plain} with each word singular: "The Shop Lights" and "shop light" compare equal. */
    static String words(String text) {
        String known = NORMALISED.get(text);
        if (known != null) {
            return known;
        }
        List<String> words = new ArrayList<>();
        for (String word : plain(text).split(" ")) {
            words.add(singular(word));
        }
        String normalised = String.join(" ", words);
        if (NORMALISED.size() > NORMALISED_KEPT) {
            NORMALISED.clear();
        }
        NORMALISED.put(text, normalised);
        return normalised;
    }

    private static String singular(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 4 && (word.endsWith("ches") || word.endsWith("shes") || word.endsWith("xes"))) {
            return word.substring(0, word.length() - 2);
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
