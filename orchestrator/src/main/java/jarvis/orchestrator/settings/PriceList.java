package jarvis.orchestrator.settings;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads and writes the price list setting: {@code gpt-4.1-mini=0.40/1.60; claude-sonnet-4-5=3/15}. */
public final class PriceList {

    /** US dollars per million tokens read and written. */
    public record Price(BigDecimal input, BigDecimal output) {}

    private PriceList() {}

    public static Map<String, Price> parse(String text) throws InvalidSettingException {
        Map<String, Price> prices = new LinkedHashMap<>();
        for (String entry : text.split(";")) {
            String item = entry.strip();
            if (item.isEmpty()) {
                continue;
            }
            int equals = item.indexOf('=');
            int slash = item.indexOf('/', Math.max(equals, 0));
            if (equals <= 0 || slash < 0) {
                throw new InvalidSettingException("\"" + item + "\" is not model=input/output, such as gpt-4.1-mini=0.40/1.60");
            }
            try {
                BigDecimal input = new BigDecimal(item.substring(equals + 1, slash).strip());
                BigDecimal output = new BigDecimal(item.substring(slash + 1).strip());
                if (input.signum() < 0 || output.signum() < 0) {
                    throw new InvalidSettingException("prices cannot be negative (\"" + item + "\")");
                }
                prices.put(item.substring(0, equals).strip(), new Price(input, output));
            } catch (NumberFormatException e) {
                throw new InvalidSettingException("\"" + item + "\" has a price that is not a number; write it like 0.40/1.60");
            }
        }
        return prices;
    }

    public static String format(Map<String, Price> prices) {
        return prices.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().input().toPlainString() + "/" + e.getValue().output().toPlainString())
                .collect(Collectors.joining("; "));
    }
}
