package jarvis.orchestrator.routing;

import jarvis.orchestrator.models.Usage;
import jarvis.orchestrator.settings.InvalidSettingException;
import jarvis.orchestrator.settings.PriceList;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.Optional;

/** What a cloud turn costs, from token usage and the price list setting. Local turns cost nothing. */
public final class Prices {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final Map<String, PriceList.Price> table;

    public Prices(Map<String, PriceList.Price> table) {
        this.table = Map.copyOf(table);
    }

    public static Prices parse(String setting) {
        try {
            return new Prices(PriceList.parse(setting));
        } catch (InvalidSettingException e) {
            return new Prices(Map.of());
        }
    }

    /** The cost of an answer, or empty when the model has no price. */
    public Optional<BigDecimal> cost(String model, Usage usage) {
        return estimate(model, usage.inputTokens(), usage.outputTokens());
    }

    public Optional<BigDecimal> estimate(String model, long inputTokens, long outputTokens) {
        PriceList.Price price = table.get(model);
        if (price == null) {
            return Optional.empty();
        }
        BigDecimal in = price.input().multiply(BigDecimal.valueOf(inputTokens));
        BigDecimal out = price.output().multiply(BigDecimal.valueOf(outputTokens));
        return Optional.of(in.add(out).divide(MILLION, MathContext.DECIMAL64));
    }
}
