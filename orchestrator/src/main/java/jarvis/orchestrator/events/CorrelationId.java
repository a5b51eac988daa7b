package jarvis.orchestrator.events;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.MDC;

/** Ties one request's log lines, events and database rows together. */
public record CorrelationId(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String MDC_KEY = "cid";

    public static CorrelationId next() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return new CorrelationId(HexFormat.of().formatHex(bytes));
    }

    /** Runs {@code work} with this id in the logging context, restoring what was there before. */
    public void run(Runnable work) {
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, value);
        try {
            work.run();
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
