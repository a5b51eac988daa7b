package jarvis.orchestrator.routing;

import jarvis.orchestrator.models.ChatResult;
import jarvis.orchestrator.models.FinishReason;
import jarvis.orchestrator.models.TokenLogprob;
import jarvis.orchestrator.models.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Token-probability traces shaped like real models' output, by class, from a fixed seed. The shares per
 * probability band and where they come from are in {@code src/test/resources/jarvis/orchestrator/routing/README.md}.
 */
final class TraceCorpus {

    /** What a person would want done with an answer of this class. */
    enum Want { LOCAL, CLOUD, EITHER }

    enum Kind {
        LONG_CONFIDENT(Want.LOCAL, 150, 500, bands(0.52, 0.9, 1.0, 0.312, 0.5, 0.9, 0.147, 0.2, 0.5, 0.018, 0.05, 0.2, 0.003, 0.005, 0.05)),
        SHORT_FACTUAL(Want.LOCAL, 4, 30, bands(0.70, 0.95, 1.0, 0.25, 0.45, 0.95, 0.05, 0.2, 0.45)),
        UNSURE_LONG(Want.CLOUD, 60, 400, bands(0.33, 0.9, 1.0, 0.27, 0.5, 0.9, 0.30, 0.2, 0.5, 0.08, 0.05, 0.2, 0.02, 0.005, 0.05)),
        UNSURE_SHORT(Want.CLOUD, 5, 40, bands(0.45, 0.9, 1.0, 0.25, 0.5, 0.9, 0.22, 0.2, 0.5, 0.08, 0.03, 0.2)),
        CONFIDENT_WRONG(Want.EITHER, 150, 500, LONG_CONFIDENT.bands),
        HEDGED(Want.CLOUD, 40, 300, LONG_CONFIDENT.bands),
        REFUSAL(Want.CLOUD, 10, 60, SHORT_FACTUAL.bands),
        TRUNCATED(Want.CLOUD, 400, 600, LONG_CONFIDENT.bands);

        final Want want;
        final int minTokens;
        final int maxTokens;
        final double[][] bands;

        Kind(Want want, int minTokens, int maxTokens, double[][] bands) {
            this.want = want;
            this.minTokens = minTokens;
            this.maxTokens = maxTokens;
            this.bands = bands;
        }
    }

    /** One trace: its class, the question asked and the answer as a provider returns it. */
    record Trace(Kind kind, String question, ChatResult answer) {}

    private TraceCorpus() {}

    static List<Trace> generate(int perKind, long seed) {
        Random random = new Random(seed);
        List<Trace> traces = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (int i = 0; i < perKind; i++) {
                traces.add(trace(kind, random));
            }
        }
        return traces;
    }

    private static Trace trace(Kind kind, Random random) {
        int n = kind.minTokens + random.nextInt(kind.maxTokens - kind.minTokens + 1);
        List<TokenLogprob> tokens = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double p = draw(kind.bands, random);
            double runnerUp = (1 - p) * (0.5 + 0.5 * random.nextDouble());
            tokens.add(new TokenLogprob("t" + i, Math.log(p), Math.log(Math.max(runnerUp, 1e-9))));
        }
        String text = switch (kind) {
            case HEDGED -> "I'm not sure, but the thread pitch is probably 0.7 mm for that size.";
            case REFUSAL -> "I'm sorry, but I can't help with that request.";
            default -> "A reply of " + n + " tokens about the workshop, with an explanation that might be useful.";
        };
        FinishReason finish = kind == Kind.TRUNCATED ? FinishReason.LENGTH : FinishReason.STOP;
        return new Trace(kind, "How do I tension the belts on the printer?",
                new ChatResult("llama3.2", text, "", List.of(), new Usage(50, n), finish, tokens));
    }

    private static double draw(double[][] bands, Random random) {
        double pick = random.nextDouble();
        double cumulative = 0;
        for (double[] band : bands) {
            cumulative += band[0];
            if (pick < cumulative) {
                return band[1] + (band[2] - band[1]) * random.nextDouble();
            }
        }
        double[] last = bands[bands.length - 1];
        return last[1] + (last[2] - last[1]) * random.nextDouble();
    }

    /** Triples of (share, lowest probability, highest probability). */
    private static double[][] bands(double... triples) {
        double[][] bands = new double[triples.length / 3][];
        for (int i = 0; i < bands.length; i++) {
            bands[i] = new double[] {triples[3 * i], triples[3 * i + 1], triples[3 * i + 2]};
        }
        return bands;
    }
}
