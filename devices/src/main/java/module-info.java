/** Home Assistant, MQTT, printers and cameras. Filled by the device issues; no JavaFX here. */
module jarvis.devices {
    requires jarvis.orchestrator;
}
