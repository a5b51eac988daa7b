/** Decoding, waveforms, the timeline, mixing, MIDI, capture and transcription. No JavaFX here. */
module jarvis.audio {
    requires transitive jarvis.orchestrator;
    requires transitive java.desktop;
    requires com.networknt.schema;
    requires whisper.jni;

    exports jarvis.audio.timeline;
    exports jarvis.audio.source;
    exports jarvis.audio.mix;
    exports jarvis.audio.store;
    exports jarvis.audio.compose;
    exports jarvis.audio.voice;
}
