/** Icons, themes, prompt templates and default settings, read as module resources. */
module jarvis.resources {
    exports jarvis.resources;
    opens jarvis.resources;
}
