/** The composition root and the entry points: the desktop app and the {@code jarvis} command line. */
module jarvis.app {
    requires transitive jarvis.orchestrator;
    requires transitive jarvis.ui;
    requires jarvis.audio;
    requires jarvis.cad;
    requires jarvis.devices;
    requires jarvis.resources;
    requires info.picocli;
    requires transitive ch.qos.logback.classic;
    requires transitive ch.qos.logback.core;
    requires java.net.http;
    requires com.fasterxml.jackson.databind;

    exports jarvis.app;
    exports jarvis.app.desktop;
    opens jarvis.app.cli to info.picocli;
    opens jarvis.app;
}
