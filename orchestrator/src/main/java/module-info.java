/**
 * The orchestrator: settings and secrets, the database, events, jobs, artifacts and integration health.
 * Nothing here knows about JavaFX.
 */
module jarvis.orchestrator {
    requires transitive org.slf4j;
    requires transitive java.sql;
    requires transitive java.net.http;
    requires java.prefs;
    requires transitive com.fasterxml.jackson.databind;
    requires com.h2database;
    requires flyway.core;
    requires minio;
    requires okhttp3;
    requires dev.failsafe.core;
    requires com.networknt.schema;
    requires ollama4j;
    requires jarvis.resources;

    exports jarvis.orchestrator.artifacts;
    exports jarvis.orchestrator.commands;
    exports jarvis.orchestrator.conversation;
    exports jarvis.orchestrator.events;
    exports jarvis.orchestrator.health;
    exports jarvis.orchestrator.home;
    exports jarvis.orchestrator.jobs;
    exports jarvis.orchestrator.models;
    exports jarvis.orchestrator.models.anthropic;
    exports jarvis.orchestrator.models.ollama;
    exports jarvis.orchestrator.models.openai;
    exports jarvis.orchestrator.routing;
    exports jarvis.orchestrator.secrets;
    exports jarvis.orchestrator.settings;
    exports jarvis.orchestrator.storage;
    exports jarvis.orchestrator.tools;

    opens jarvis.orchestrator.db.migration;
    opens jarvis.orchestrator.db.vendor.h2;
}
