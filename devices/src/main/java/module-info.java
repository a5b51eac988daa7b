/** Home Assistant, MQTT, printers and cameras. No JavaFX here. */
module jarvis.devices {
    requires jarvis.orchestrator;
    requires jarvis.resources;
    requires dev.failsafe.core;
    requires org.apache.commons.text;
    requires com.hivemq.client.mqtt;
    requires java.sql;
    requires java.desktop;

    exports jarvis.devices.cameras;
    exports jarvis.devices.commands;
    exports jarvis.devices.home;
    exports jarvis.devices.homeassistant;
    exports jarvis.devices.mqtt;
    exports jarvis.devices.printers;
    exports jarvis.devices.tools;
    exports jarvis.devices.watch;
}
