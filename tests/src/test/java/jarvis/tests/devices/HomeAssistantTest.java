package jarvis.tests.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jarvis.devices.home.Connection;
import jarvis.devices.home.Connection.Status;
import jarvis.devices.home.DeviceSource;
import jarvis.devices.home.Entity;
import jarvis.devices.homeassistant.HomeAssistant;
import jarvis.devices.homeassistant.HomeAssistantException;
import jarvis.tests.simulators.HomeAssistantSimulator;
import jarvis.tests.support.Ports;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Home Assistant over its WebSocket API, against the simulator: a few hundred entities in areas, live, and its faults. */
class HomeAssistantTest {

    private static final String TOKEN = "llat-workshop";
    private static final int ENTITIES = 300;

    private HomeAssistantSimulator simulator;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final AtomicReference<HomeAssistant.Target> target = new AtomicReference<>();
    private HomeAssistant home;

    @BeforeEach
    void start() {
        simulator = new HomeAssistantSimulator(TOKEN).withArea("workshop", "Workshop").withArea("office", "Office")
                .withEntity("light.bench", "off", "Bench light", "workshop").withAlias("light.bench", "reading lamp")
                .withEntity("switch.compressor", "off", "Compressor", "workshop");
        for (int i = 0; i < ENTITIES - 2; i++) {
            simulator.withEntity("sensor.probe_" + i, Integer.toString(20 + i % 7), "Probe " + i, i % 2 == 0 ? "workshop" : "office");
        }
        target.set(new HomeAssistant.Target(simulator.baseUrl(), TOKEN));
        home = new HomeAssistant(HttpClient.newHttpClient(), () -> Optional.ofNullable(target.get()), scheduler, Clock.systemUTC(),
                Duration.ofSeconds(3));
    }

    @AfterEach
    void stop() {
        home.close();
        simulator.close();
        scheduler.shutdownNow();
    }

    private void awaitStatus(Status status) {
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> home.connection().status() == status);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("Home Assistant should be " + status + " but is " + home.connection(), e);
        }
    }

    @Test
    void readsEveryStateWithItsNameAndAreaAndFollowsChangesLive() {
        List<Entity> changes = new CopyOnWriteArrayList<>();
        home.addListener(changes::add);
        home.start();
        awaitStatus(Status.CONNECTED);
        assertThat(home.entities()).hasSize(ENTITIES);
        Entity bench = home.entity("light.bench").orElseThrow();
        assertThat(bench.name()).isEqualTo("Bench light");
        assertThat(bench.area()).isEqualTo("Workshop");
        assertThat(bench.domain()).isEqualTo("light");
        assertThat(bench.state()).isEqualTo("off");
        assertThat(bench.aliases()).as("from the registry's full entries").containsExactly("reading lamp");

        changes.clear();
        simulator.setState("light.bench", "on");
        await().atMost(Duration.ofSeconds(5)).until(() -> home.entity("light.bench").orElseThrow().state().equals("on"));
        assertThat(changes).anySatisfy(entity -> assertThat(entity.entityId()).isEqualTo("light.bench"));
        simulator.setState("light.bench", "unavailable");
        await().atMost(Duration.ofSeconds(5)).until(() -> !home.entity("light.bench").orElseThrow().available());

        // A person renames the area: the names follow without reconnecting.
        simulator.renameArea("workshop", "Shop floor");
        await().atMost(Duration.ofSeconds(5)).until(() -> "Shop floor".equals(home.entity("light.bench").orElseThrow().area()));
        assertThat(simulator.connections()).isEqualTo(1);
    }

    @Test
    void aServiceCallReachesHomeAssistantAndItsNewStateComesBack() throws Exception {
        home.start();
        awaitStatus(Status.CONNECTED);
        home.callService("light", "turn_on", Map.of("brightness_pct", 40), List.of("light.bench")).get(5, TimeUnit.SECONDS);
        assertThat(simulator.calls()).singleElement().satisfies(call -> {
            assertThat(call.domain()).isEqualTo("light");
            assertThat(call.service()).isEqualTo("turn_on");
            assertThat(call.entityIds()).containsExactly("light.bench");
            assertThat(call.data().path("brightness_pct").asInt()).isEqualTo(40);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> home.entity("light.bench").orElseThrow().state().equals("on"));
    }

    @Test
    void aRefusedServiceSaysWhatHomeAssistantSaid() {
        home.start();
        awaitStatus(Status.CONNECTED);
        assertThatThrownBy(() -> home.callService("light", "turn_on", Map.of(), List.of("light.nowhere")).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(HomeAssistantException.class)
                .hasMessageContaining("light.nowhere").hasMessageContaining("service_validation_error");
    }

    @Test
    void aRefusedTokenIsSaidPlainlyAndNotTriedAgainAndAgain() throws Exception {
        target.set(new HomeAssistant.Target(simulator.baseUrl(), "an-old-token"));
        home.start();
        awaitStatus(Status.REFUSED);
        assertThat(home.connection().detail()).contains("rejected the token").contains("homeassistant.token");
        // The refused socket is closed, and no other is opened while a second passes.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> home.connection().status()
                == Status.REFUSED && simulator.connections() == 0);
        assertThatThrownBy(() -> home.callService("switch", "turn_on", Map.of(), List.of("switch.compressor")).get(1, TimeUnit.SECONDS))
                .cause().isInstanceOf(HomeAssistantException.class).hasMessageContaining("rejected the token");

        target.set(new HomeAssistant.Target(simulator.baseUrl(), TOKEN));
        home.start();
        awaitStatus(Status.CONNECTED);
    }

    @Test
    void afterARestartItConnectsAgainReadsWhatChangedMeanwhileAndFollowsChangesAgain() {
        home.start();
        awaitStatus(Status.CONNECTED);
        simulator.dropConnections();
        simulator.setState("switch.compressor", "on");
        await().atMost(Duration.ofSeconds(10)).until(() -> home.connection().status() == Status.CONNECTED
                && home.entity("switch.compressor").orElseThrow().state().equals("on"));
        simulator.setState("light.bench", "on");
        await().atMost(Duration.ofSeconds(5)).until(() -> home.entity("light.bench").orElseThrow().state().equals("on"));
    }

    @Test
    void aCommandToHomeAssistantThatIsDownFailsAtOnceSayingWhy() throws Exception {
        target.set(new HomeAssistant.Target("http://127.0.0.1:" + Ports.nobodyListening(), TOKEN));
        home.start();
        awaitStatus(Status.DOWN);
        long started = System.nanoTime();
        CompletableFuture<?> call = home.callService("switch", "turn_off", Map.of(), List.of("switch.compressor"));
        assertThatThrownBy(() -> call.get(1, TimeUnit.SECONDS)).cause().isInstanceOf(HomeAssistantException.class)
                .hasMessageContaining("not connected").hasMessageContaining("does not answer");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(500);
    }

    @Test
    void idsStayInOrderWhenManyThreadsSendAtOnce() throws Exception {
        home.start();
        awaitStatus(Status.CONNECTED);
        List<CompletableFuture<?>> calls = new ArrayList<>();
        try (var threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 200; i++) {
                String entity = "sensor.probe_" + i;
                calls.add(CompletableFuture.supplyAsync(() -> home.callService("homeassistant", "toggle", Map.of(), List.of(entity)), threads)
                        .thenCompose(call -> call));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        }
        assertThat(simulator.calls()).as("no command was refused with id_reuse").hasSize(200);
    }

    @Test
    void startingAgainAndClosingLeaveOneConnectionOrNone() throws Exception {
        home.start();
        home.start();
        awaitStatus(Status.CONNECTED);
        home.start();
        awaitStatus(Status.CONNECTED);
        // An earlier start's connection is closed: one stays, for as long as one looks.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> simulator.connections() == 1);
        home.close();
        // Nothing connects after close.
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> simulator.connections() == 0);
    }

    @Test
    void withoutTheRegistriesNamesComeFromTheStates() {
        simulator.refuseRegistries();
        home.start();
        awaitStatus(Status.CONNECTED);
        Entity bench = home.entity("light.bench").orElseThrow();
        assertThat(bench.name()).isEqualTo("Bench light");
        assertThat(bench.area()).isNull();
    }
}
