package jarvis.orchestrator.tools;

/** What a tool call can do: only read, change something, or change something that waits for a person's confirmation. */
public enum Hazard {
    READ, ACT, HAZARD
}
