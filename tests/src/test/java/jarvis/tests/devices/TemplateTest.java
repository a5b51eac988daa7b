package jarvis.tests.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jarvis.devices.mqtt.Template;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The value templates devices publish in their discovery configs, as a table: each is copied from the shape that
 * Zigbee2MQTT, Tasmota or ESPHome sends (their discovery code), with a payload of theirs and the value Home Assistant shows.
 */
class TemplateTest {

    static Stream<Arguments> templates() {
        return Stream.of(
                Arguments.of("{{ value_json.temperature }}", "{\"temperature\":21.46,\"linkquality\":120}", "21.46"),
                Arguments.of("{{ value_json.t | round(1) }}", "{\"t\":21.46}", "21.5"),
                Arguments.of("{{value_json['ENERGY'].Power}}", "{\"Time\":\"2026-11-30T08:00:00\",\"ENERGY\":{\"Power\":1840}}", "1840"),
                Arguments.of("{{ value_json[\"POWER\"] }}", "{\"POWER\":\"ON\"}", "ON"),
                Arguments.of("{{ value_json.state | lower }}", "{\"state\":\"ONLINE\"}", "online"),
                Arguments.of("{{ value_json.readings[1] | int }}", "{\"readings\":[3.2,4.9]}", "4"),
                Arguments.of("{{ value | float }}", "17", "17"),
                Arguments.of("{{ value }}", "  open ", "open"),
                Arguments.of("{{ value_json.battery | default('n/a') }}", "{\"voltage\":3000}", "n/a"),
                Arguments.of("Power is {{ value_json.POWER }}", "{\"POWER\":\"OFF\"}", "Power is OFF"),
                Arguments.of("{{ 'online' }}", "anything", "online"),
                Arguments.of("{{ value_json.brightness | int }}", "not json", null),
                Arguments.of("{{ value_json.humidity }}", "{\"temperature\":20}", null));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("templates")
    void rendersAsHomeAssistantDoes(String template, String payload, String shown) {
        assertThat(Template.parse(template).render(payload)).isEqualTo(Optional.ofNullable(shown));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "{% if value_json.state == 'ON' %}on{% else %}off{% endif %}",
            "{{ value_json.ts | timestamp_custom('%H:%M') }}",
            "{{ value_json.a + value_json.b }}",
            "{{ states('sensor.other') }}"})
    void refusesWhatItCannotEvaluateSayingWhich(String template) {
        assertThatThrownBy(() -> Template.parse(template)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Jarvis does not evaluate").hasMessageContaining(template);
    }
}
