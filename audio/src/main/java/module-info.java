/** Decoding, waveforms, the timeline, mixing, MIDI, capture and transcription. Filled by the audio issue; no JavaFX here. */
module jarvis.audio {
    requires jarvis.orchestrator;
}
