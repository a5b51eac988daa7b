/** The JavaFX views and their view models, one package per area. The only module that touches JavaFX besides app. */
module jarvis.ui {
    requires transitive javafx.controls;
    requires transitive jarvis.orchestrator;
    requires jarvis.devices;
    requires jarvis.cad;
    requires jarvis.audio;
    requires java.desktop;
    requires atlantafx.base;
    requires org.kordamp.ikonli.javafx;
    requires transitive org.kordamp.ikonli.core;
    requires org.kordamp.ikonli.feather;
    requires org.commonmark;
    requires org.commonmark.ext.gfm.tables;

    exports jarvis.ui.activity;
    exports jarvis.ui.cad;
    exports jarvis.ui.chat;
    exports jarvis.ui.fx;
    exports jarvis.ui.cameras;
    exports jarvis.ui.home;
    exports jarvis.ui.printers;
    exports jarvis.ui.safety;
    exports jarvis.ui.settings;
    exports jarvis.ui.shell;
    exports jarvis.ui.studio;
    exports jarvis.ui.theme;
    exports jarvis.ui.voice;
}
