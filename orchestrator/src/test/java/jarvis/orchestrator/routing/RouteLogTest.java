package jarvis.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.orchestrator.events.CorrelationId;
import jarvis.orchestrator.storage.Database;
import jarvis.orchestrator.storage.TestDatabases;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteLogTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    java.nio.file.Path folder;

    @Test
    void spendCountsCloudTurnsOfTodayAndOfThisCalendarMonthInThePersonsZone() {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 30, 0, 30, 0, 0, BERLIN);
        try (Database database = TestDatabases.fresh(folder)) {
            RouteLog log = new RouteLog(database);
            log.save(route(Tier.CLOUD, "0.10", now.minusMinutes(20)));           // today, half past midnight Berlin
            log.save(route(Tier.CLOUD, "0.20", now.minusMinutes(40)));           // yesterday, 23:50 Berlin (today in UTC)
            log.save(route(Tier.CLOUD, "0.40", now.withDayOfMonth(1)));          // the first of this month
            log.save(route(Tier.CLOUD, "0.80", now.withDayOfMonth(1).minusHours(1))); // last month
            log.save(route(Tier.LOCAL, "1.60", now.minusMinutes(5)));            // local turns never count

            RouteLog.Spend spent = log.spend(Clock.fixed(now.toInstant(), BERLIN), BERLIN);

            assertThat(spent.today()).isEqualByComparingTo("0.10");
            assertThat(spent.thisMonth()).isEqualByComparingTo("0.70");
        }
    }

    @Test
    void spendIsZeroWithNoCloudTurns() {
        try (Database database = TestDatabases.fresh(folder)) {
            RouteLog.Spend spent = new RouteLog(database).spend(Clock.systemUTC(), BERLIN);
            assertThat(spent.today()).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(spent.thisMonth()).isEqualByComparingTo(BigDecimal.ZERO);
        }
    }

    private static RouteRecord route(Tier tier, String cost, ZonedDateTime at) {
        Instant when = at.toInstant();
        return new RouteRecord(UUID.randomUUID().toString(), "c", CorrelationId.next(), tier, "anthropic", "claude", null,
                tier == Tier.CLOUD, List.of("test"), 10L, 20L, 100, 50, new BigDecimal(cost), when, null, null, false);
    }
}
