package jarvis.app;

import jarvis.cad.make.CadMakeException;
import jarvis.cad.make.TextToCad;
import jarvis.cad.make.ZooTextToCad;
import jarvis.cad.mesh.Mesh;
import jarvis.cad.mesh.MeshAnalysis;
import jarvis.cad.mesh.MeshException;
import jarvis.cad.mesh.StlReader;
import jarvis.cad.parts.Fit;
import jarvis.cad.parts.Parts;
import jarvis.orchestrator.artifacts.Artifact;
import jarvis.orchestrator.events.CorrelationId;
import jarvis.orchestrator.routing.EscalationGate;
import jarvis.orchestrator.routing.RouteLog;
import jarvis.orchestrator.routing.RouteRecord;
import jarvis.orchestrator.routing.Tier;
import jarvis.orchestrator.secrets.Secret;
import jarvis.orchestrator.secrets.SecretName;
import jarvis.orchestrator.secrets.Secrets;
import jarvis.orchestrator.settings.SettingsSchema;
import jarvis.orchestrator.settings.SettingsService;
import jarvis.orchestrator.tools.CallScope;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A part from words, local first: the local model and OpenSCAD make it when they can; when they cannot, Zoo's
 * text-to-CAD is asked, under the chat's own rules for the cloud (not in a private conversation, not offline, a Zoo
 * token set, within the day's and month's budget). Each make is a routing decision and goes into the route log, with
 * Zoo's price against the budget, as a chat turn's does.
 */
public final class PartMaker {

    /** The conversation id routes of makes from the CAD area or the command line are kept under. */
    public static final String BENCH = "cad-bench";
    private static final String ZOO = "zoo";
    private static final String ZOO_MODEL = "text-to-cad";

    /**
     * A part made and kept: its stored version, what it is, who made it, what the local model had to say first when
     * Zoo made it, and why it does not fit the printer asked for when it does not (Zoo's parts are not repaired).
     */
    public record Made(Artifact kept, Path stl, MeshAnalysis analysis, String by, int repairs, String parameters, Optional<String> localFailure,
                       Optional<String> misfit) {}

    private final Supplier<TextToCad> local;
    private final Supplier<Parts> parts;
    private final SettingsService settings;
    private final Secrets secrets;
    private final RouteLog routes;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    PartMaker(Supplier<TextToCad> local, Supplier<Parts> parts, SettingsService settings, Secrets secrets, RouteLog routes, Clock clock) {
        this.local = local;
        this.parts = parts;
        this.settings = settings;
        this.secrets = secrets;
        this.routes = routes;
        this.clock = clock;
    }

    /** Makes the part {@code prompt} describes, keeps it as {@code parts/FILE}, and says who made it. */
    public Made make(String prompt, Optional<Fit.Space> space, String file, Path scratch, Consumer<String> progress, BooleanSupplier cancelled)
            throws CadMakeException {
        long start = System.nanoTime();
        Optional<CallScope> scope = CallScope.current();
        TextToCad.Made made;
        try {
            made = local.get().make(prompt, space, scratch, progress, cancelled);
        } catch (CadMakeException failed) {
            // Stopped by a person, or a tool here to set up: neither is the local model's failure, and Zoo would cost money for it.
            if (failed.stopped() || failed.needsSetup()) {
                throw failed;
            }
            return escalated(prompt, space, file, scratch, failed.getMessage(), scope, start, progress, cancelled);
        }
        Artifact kept = keep(() -> parts.get().keepMade(made, file));
        record(scope, Tier.LOCAL, "ollama", made.model(), false, List.of("made by the local model " + made.model() + " with OpenSCAD after "
                + made.repairs() + (made.repairs() == 1 ? " repair" : " repairs")), start, BigDecimal.ZERO);
        return new Made(kept, made.stl(), made.analysis(), made.model(), made.repairs(), Parts.parameters(made.program()), Optional.empty(),
                Optional.empty());
    }

    private Made escalated(String prompt, Optional<Fit.Space> space, String file, Path scratch, String localFailure, Optional<CallScope> scope,
                           long start, Consumer<String> progress, BooleanSupplier cancelled) throws CadMakeException {
        String trigger = "the local model could not make the part";
        Optional<String> token = token();
        BigDecimal price = price();
        Optional<String> refusal = refusal(scope, token.isPresent(), price);
        if (refusal.isPresent()) {
            String why = refusal.get();
            record(scope, Tier.LOCAL, "ollama", "", false, List.of(trigger, "not sent to Zoo: " + why), start, BigDecimal.ZERO);
            throw new CadMakeException(localFailure + "\nNot sent to Zoo's text to CAD: " + why + ".");
        }
        progress.accept("The local model could not make it; asking Zoo's text to CAD…");
        List<String> reasons = new ArrayList<>(List.of(trigger + ": escalated to Zoo"));
        Duration limit = Duration.ofSeconds(settings.get(SettingsSchema.CAD_COMMAND_SECONDS));
        ZooTextToCad zoo = new ZooTextToCad(http, URI.create(settings.get(SettingsSchema.CAD_ZOO_URL)), token.orElseThrow(), Duration.ofSeconds(5), limit);
        ZooTextToCad.Made made;
        try {
            made = zoo.make(prompt, scratch, progress, cancelled);
        } catch (CadMakeException e) {
            // A job Zoo took has used its models' time, however it ended; one it refused outright has cost nothing.
            reasons.add("Zoo failed: " + e.getMessage());
            record(scope, Tier.CLOUD, ZOO, ZOO_MODEL, true, reasons, start, e.afterPaidWork() || e.stopped() ? price : BigDecimal.ZERO);
            throw new CadMakeException(localFailure + "\nZoo's text to CAD could not make it either: " + e.getMessage(), e);
        }
        record(scope, Tier.CLOUD, ZOO, ZOO_MODEL, true, reasons, start, price);
        Mesh mesh;
        try {
            mesh = StlReader.read(made.stl());
        } catch (MeshException e) {
            throw new CadMakeException("Zoo sent a part Jarvis cannot read (job " + made.id() + "): " + e.getMessage(), e);
        }
        MeshAnalysis analysis = MeshAnalysis.of(mesh);
        Artifact kept = keep(() -> parts.get().keepFromZoo(made, prompt, file));
        Optional<String> misfit = space.map(room -> Fit.check(analysis, mesh.units(), room)).filter(fit -> !fit.fits()).map(Fit::words);
        return new Made(kept, made.stl(), analysis, "Zoo's text to CAD", 0, "", Optional.of(localFailure), misfit);
    }

    /** Where a part from words would be made now: whether its description may go to the cloud, and that in words. */
    public record WhereMade(boolean cloud, String said) {}

    /**
     * Where a part from words would be made now, for the CAD area to say before a make: on this machine only, and why,
     * or here first and then Zoo at its price.
     */
    public WhereMade whereMade() {
        BigDecimal price = price();
        String each = price.setScale(2, RoundingMode.HALF_UP).toPlainString();
        return refusal(Optional.empty(), token().isPresent(), price).map(why -> new WhereMade(false, "Made on this machine only: " + why + "."))
                .orElse(new WhereMade(true, "Made on this machine first; if the local model cannot, the description goes to Zoo's text to CAD ("
                        + each + " USD a part, counted in the cloud budget)."));
    }

    private Optional<String> token() {
        return secrets.get(SecretName.ZOO_API_TOKEN).map(Secret::reveal).filter(value -> !value.isBlank());
    }

    private BigDecimal price() {
        return BigDecimal.valueOf(settings.get(SettingsSchema.CAD_ZOO_PRICE));
    }

    /** The chat's cloud gate, with Zoo as the provider: why a description may not go to Zoo now, if it may not. */
    private Optional<String> refusal(Optional<CallScope> scope, boolean token, BigDecimal price) {
        RouteLog.Spend spent = routes.spend(clock, ZoneId.systemDefault());
        return EscalationGate.refusal(new EscalationGate.Facts(scope.map(CallScope::privateConversation).orElse(false),
                settings.get(SettingsSchema.OFFLINE), ZOO, ZOO_MODEL, token, spent.today(), spent.thisMonth(), price,
                settings.get(SettingsSchema.BUDGET_DAILY), settings.get(SettingsSchema.BUDGET_MONTHLY)))
                .map(why -> why.replace("the zoo API key is not set (Settings → Secrets)", "no Zoo API token is set (Settings → Secrets)"));
    }

    private void record(Optional<CallScope> scope, Tier tier, String provider, String model, boolean escalated, List<String> reasons, long start,
                        BigDecimal cost) {
        routes.save(new RouteRecord(UUID.randomUUID().toString(), scope.map(CallScope::conversationId).orElse(BENCH), CorrelationId.next(), tier,
                provider, model, null, escalated, reasons, null, (System.nanoTime() - start) / 1_000_000, 0, 0, cost, clock.instant(), null, null,
                false));
    }

    private static Artifact keep(Keeping keeping) throws CadMakeException {
        try {
            return keeping.keep();
        } catch (IOException e) {
            throw new CadMakeException("The part was made but could not be stored: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Keeping {
        Artifact keep() throws IOException;
    }

    /** "made by Zoo's text to CAD", or the local model and its repairs: the words a tool or the command line says. */
    public static String said(Made made) {
        return made.localFailure().isPresent() ? "made by Zoo's text to CAD (the local model could not)"
                : String.format(Locale.ROOT, "made by %s after %d %s", made.by(), made.repairs(), made.repairs() == 1 ? "repair" : "repairs");
    }
}
