package jarvis.devices.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Home Assistant's abbreviated discovery keys, written out: the table follows core's {@code mqtt/abbreviations.py}
 * (the keys for the platforms Jarvis reads, plus the common ones), with its own tables for {@code device} and
 * {@code origin}. A key that is not abbreviated is kept as it is; an unknown key is kept and ignored later.
 */
final class Abbreviations {

    private static final Map<String, String> KEYS = table("""
            act_t action_topic, act_tpl action_template, avty availability, avty_mode availability_mode,
            avty_t availability_topic, avty_tpl availability_template, bri_cmd_t brightness_command_topic,
            bri_cmd_tpl brightness_command_template, bri_scl brightness_scale, bri_stat_t brightness_state_topic,
            bri_tpl brightness_template, bri_val_tpl brightness_value_template, clr_temp_cmd_t color_temp_command_topic,
            clr_temp_cmd_tpl color_temp_command_template, clr_temp_stat_t color_temp_state_topic,
            clr_temp_tpl color_temp_template, clr_temp_val_tpl color_temp_value_template, clrm color_mode,
            clrm_stat_t color_mode_state_topic, clrm_val_tpl color_mode_value_template, cmd_off_tpl command_off_template,
            cmd_on_tpl command_on_template, cmd_t command_topic, cmd_tpl command_template, cmps components,
            curr_hum_t current_humidity_topic, curr_hum_tpl current_humidity_template,
            curr_temp_t current_temperature_topic, curr_temp_tpl current_temperature_template, def_ent_id default_entity_id,
            dev device, dev_cla device_class, e encoding, en enabled_by_default, ent_cat entity_category,
            ent_pic entity_picture, exp_aft expire_after, fan_mode_cmd_t fan_mode_command_topic,
            fan_mode_cmd_tpl fan_mode_command_template, fan_mode_stat_t fan_mode_state_topic,
            fan_mode_stat_tpl fan_mode_state_template, frc_upd force_update, fx_cmd_t effect_command_topic,
            fx_cmd_tpl effect_command_template, fx_list effect_list, fx_stat_t effect_state_topic,
            fx_tpl effect_template, fx_val_tpl effect_value_template, ic icon, json_attr json_attributes,
            json_attr_t json_attributes_topic, json_attr_tpl json_attributes_template, max_temp max_temp,
            min_temp min_temp, mode_cmd_t mode_command_topic, mode_cmd_tpl mode_command_template,
            mode_stat_t mode_state_topic, mode_stat_tpl mode_state_template, o origin, obj_id object_id,
            on_cmd_type on_command_type, opt optimistic, p platform, pct_cmd_t percentage_command_topic,
            pct_cmd_tpl percentage_command_template, pct_stat_t percentage_state_topic,
            pct_val_tpl percentage_value_template, pl payload, pl_avail payload_available, pl_cls payload_close,
            pl_lock payload_lock, pl_not_avail payload_not_available, pl_off payload_off, pl_on payload_on,
            pl_open payload_open, pl_stop payload_stop, pl_unlk payload_unlock, pos_clsd position_closed,
            pos_open position_open, pos_t position_topic, pos_tpl position_template, pow_cmd_t power_command_topic,
            pr_mode_cmd_t preset_mode_command_topic, pr_mode_cmd_tpl preset_mode_command_template,
            pr_mode_stat_t preset_mode_state_topic, pr_mode_val_tpl preset_mode_value_template,
            pr_modes preset_modes, ret retain, rgb_cmd_t rgb_command_topic, rgb_cmd_tpl rgb_command_template,
            rgb_stat_t rgb_state_topic, rgb_val_tpl rgb_value_template, set_pos_t set_position_topic,
            set_pos_tpl set_position_template, stat_cla state_class, stat_closing state_closing,
            stat_clsd state_closed, stat_jam state_jammed, stat_locked state_locked, stat_locking state_locking,
            stat_off state_off, stat_on state_on, stat_open state_open, stat_opening state_opening,
            stat_stopped state_stopped, stat_t state_topic, stat_tpl state_template, stat_unlocked state_unlocked,
            stat_unlocking state_unlocking, stat_val_tpl state_value_template, step step,
            sug_dsp_prc suggested_display_precision, sup_clrm supported_color_modes, sup_feat supported_features,
            swing_mode_cmd_t swing_mode_command_topic, swing_mode_stat_t swing_mode_state_topic,
            t topic, temp_cmd_t temperature_command_topic, temp_cmd_tpl temperature_command_template,
            temp_hi_cmd_t temperature_high_command_topic, temp_hi_stat_t temperature_high_state_topic,
            temp_lo_cmd_t temperature_low_command_topic, temp_lo_stat_t temperature_low_state_topic,
            temp_stat_t temperature_state_topic, temp_stat_tpl temperature_state_template, temp_unit temperature_unit,
            uniq_id unique_id, unit_of_meas unit_of_measurement, val_tpl value_template""");

    private static final Map<String, String> DEVICE = table("""
            cns connections, cu configuration_url, hw hw_version, ids identifiers, mdl model, mdl_id model_id,
            mf manufacturer, sa suggested_area, sn serial_number, sw sw_version""");

    private static final Map<String, String> ORIGIN = table("sw sw_version, url support_url");

    private Abbreviations() {}

    /** A discovery payload with every key written out, in itself, its device, origin, availability list and components. */
    static ObjectNode expand(JsonNode payload) {
        ObjectNode expanded = JsonNodeFactory.instance.objectNode();
        payload.properties().forEach(field -> {
            String key = KEYS.getOrDefault(field.getKey(), field.getKey());
            JsonNode value = field.getValue();
            expanded.set(key, switch (key) {
                case "device" -> value.isObject() ? rename(value, DEVICE) : value;
                case "origin" -> value.isObject() ? rename(value, ORIGIN) : value;
                case "availability" -> value.isArray() ? expandEach(value) : value;
                case "components" -> value.isObject() ? expandComponents(value) : value;
                default -> value;
            });
        });
        return expanded;
    }

    private static JsonNode expandEach(JsonNode list) {
        ArrayNode expanded = JsonNodeFactory.instance.arrayNode();
        list.forEach(item -> expanded.add(item.isObject() ? expand(item) : item));
        return expanded;
    }

    private static JsonNode expandComponents(JsonNode components) {
        ObjectNode expanded = JsonNodeFactory.instance.objectNode();
        components.properties().forEach(component -> expanded.set(component.getKey(),
                component.getValue().isObject() ? expand(component.getValue()) : component.getValue()));
        return expanded;
    }

    private static ObjectNode rename(JsonNode object, Map<String, String> table) {
        ObjectNode renamed = JsonNodeFactory.instance.objectNode();
        object.properties().forEach(field -> renamed.set(table.getOrDefault(field.getKey(), field.getKey()), field.getValue()));
        return renamed;
    }

    private static Map<String, String> table(String pairs) {
        Map<String, String> table = new HashMap<>();
        for (String pair : pairs.split(",")) {
            String[] words = pair.strip().split("\\s+");
            table.put(words[0], words[1]);
        }
        return Map.copyOf(table);
    }
}
