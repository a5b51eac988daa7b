/** Home Assistant, MQTT, printers and cameras. No JavaFX here. */
module jarvis.devices {
    requires jarvis.orchestrator;
    requires dev.failsafe.core;

    exports jarvis.devices.homeassistant;
}
