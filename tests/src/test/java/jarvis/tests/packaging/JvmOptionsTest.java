package jarvis.tests.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.sun.management.HotSpotDiagnosticMXBean;
import jarvis.tests.support.JavaProcess;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JVM options every launch reads serve the whole session, not only its start: full compilation (a C1-only JIT
 * slows mixing, mesh analysis and search for as long as the app runs) and a heap that holds a million-triangle part
 * and an hour of audio at once.
 */
class JvmOptionsTest {

    /** A million triangles as a JavaFX mesh (points, texture coordinates, faces, normals) plus the analysed copy. */
    private static final long MILLION_TRIANGLES_BYTES = 1_000_000L * (9 * 4 + 6 * 4 + 6 * 4 + 9 * 4) * 2;
    /** An hour of 48 kHz stereo audio as floats, the form a mixdown works on. */
    private static final long HOUR_OF_AUDIO_BYTES = 3600L * 48_000 * 2 * Float.BYTES;

    /** Prints what the JVM it runs in was given. */
    public static final class Report {
        public static void main(String[] args) {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            System.out.println("MAX_HEAP " + Runtime.getRuntime().maxMemory());
            System.out.println("TIER " + hotspot.getVMOption("TieredStopAtLevel").getValue());
        }
    }

    /** The smallest Mac Studio has 32 GB. */
    private static final long MAC_STUDIO_MEMORY = 32L << 30;

    @Test
    void theJvmOptionsCompileFullyAndHoldABigPartAndAnHourOfAudio() throws Exception {
        List<String> options = JavaProcess.jvmOptions();
        assertThat(options).noneMatch(option -> option.startsWith("-XX:TieredStopAtLevel")).noneMatch(option -> option.startsWith("-Xss"));
        assertThat(heapLimit(options, MAC_STUDIO_MEMORY)).as("heap limit on a Mac Studio")
                .isGreaterThan(2 * (MILLION_TRIANGLES_BYTES + HOUR_OF_AUDIO_BYTES));
        try (JavaProcess report = JavaProcess.testMain(null, List.of(), Report.class)) {
            assertThat(report.waitFor(30)).as(report.stderr()).isZero();
            long maxHeap = Long.parseLong(report.stdout().lines().filter(line -> line.startsWith("MAX_HEAP ")).findFirst().orElseThrow()
                    .substring("MAX_HEAP ".length()));
            long here = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
            assertThat((double) maxHeap).as("the JVM takes the options as read").isCloseTo(heapLimit(options, here), withinPercentage(5));
            assertThat(report.stdout()).contains("TIER 4");
        }
    }

    /** The heap limit {@code options} give on a machine with {@code memory} bytes: -Xmx, or a share of the memory. */
    private static double heapLimit(List<String> options, long memory) {
        for (String option : options.reversed()) {
            if (option.startsWith("-Xmx")) {
                String size = option.substring(4).toLowerCase(java.util.Locale.ROOT);
                long unit = switch (size.charAt(size.length() - 1)) {
                    case 'g' -> 1L << 30;
                    case 'm' -> 1L << 20;
                    case 'k' -> 1L << 10;
                    default -> 1;
                };
                return Double.parseDouble(Character.isDigit(size.charAt(size.length() - 1)) ? size : size.substring(0, size.length() - 1)) * unit;
            }
            if (option.startsWith("-XX:MaxRAMPercentage=")) {
                return memory * Double.parseDouble(option.substring("-XX:MaxRAMPercentage=".length())) / 100;
            }
        }
        return memory / 4.0;
    }
}
