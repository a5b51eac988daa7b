package jarvis.orchestrator.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jarvis.orchestrator.events.EventBus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsServiceTest {

    @TempDir
    Path folder;

    @Test
    void aValidChangeIsSavedAnnouncedAndReadBackByANewService() throws Exception {
        EventBus bus = new EventBus(Runnable::run);
        List<SettingChanged> changes = new CopyOnWriteArrayList<>();
        bus.subscribe(SettingChanged.class, changes::add);
        SettingsService service = new SettingsService(new SettingsFile(folder.resolve("settings.json")), Map.of(), bus);

        service.set("health.intervalSeconds", " 45 ");

        assertThat(service.get(SettingsSchema.HEALTH_INTERVAL)).isEqualTo(45);
        assertThat(changes).singleElement().satisfies(change -> assertThat(change.value()).isEqualTo("45"));
        SettingsService reopened = new SettingsService(new SettingsFile(folder.resolve("settings.json")), Map.of(), bus);
        assertThat(reopened.get(SettingsSchema.HEALTH_INTERVAL)).isEqualTo(45);
    }

    @Test
    void aChangeWrittenByAnotherProcessIsPickedUpAndAnnounced() throws Exception {
        EventBus bus = new EventBus(Runnable::run);
        List<SettingChanged> changes = new CopyOnWriteArrayList<>();
        bus.subscribe(SettingChanged.class, changes::add);
        SettingsService window = new SettingsService(new SettingsFile(folder.resolve("settings.json")), Map.of(), bus);
        try (SettingsWatcher watcher = SettingsWatcher.start(window, Thread.ofVirtual().factory())) {
            SettingsService commandLine = new SettingsService(new SettingsFile(folder.resolve("settings.json")), Map.of(),
                    new EventBus(Runnable::run));
            commandLine.set("ui.theme", "dark");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                    .until(() -> window.get(SettingsSchema.THEME).equals("dark"));
        }
        assertThat(changes).extracting(SettingChanged::name).containsExactly("ui.theme");
    }

    @Test
    void anInvalidChangeChangesNothing() {
        SettingsService service = new SettingsService(new SettingsFile(folder.resolve("settings.json")), Map.of(), new EventBus(Runnable::run));
        assertThatThrownBy(() -> service.set("health.intervalSeconds", "2")).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> service.set("no.such", "2")).isInstanceOf(UnknownSettingException.class)
                .hasMessageContaining("settings list");
        assertThat(service.get(SettingsSchema.HEALTH_INTERVAL)).isEqualTo(30);
        assertThat(folder.resolve("settings.json")).doesNotExist();
    }
}
