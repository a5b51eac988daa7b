/** Mesh formats, analysis, text-to-CAD and slicing. Filled by the CAD issue; no JavaFX here. */
module jarvis.cad {
    requires jarvis.orchestrator;

    exports jarvis.cad.mesh;
}
