/** Home Assistant, MQTT, printers and cameras. No JavaFX here. */
module jarvis.devices {
    requires jarvis.orchestrator;
    requires jarvis.resources;
    requires dev.failsafe.core;
    requires org.apache.commons.text;

    exports jarvis.devices.commands;
    exports jarvis.devices.homeassistant;
}
