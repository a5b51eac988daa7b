/** Mesh formats, analysis, text-to-CAD and slicing. Filled by the CAD issue; no JavaFX here. */
module jarvis.cad {
    requires jarvis.orchestrator;
    requires java.xml;
    requires java.desktop;

    exports jarvis.cad.mesh;
    exports jarvis.cad.external;
    exports jarvis.cad.parts;
    exports jarvis.cad.make;
}
