package jarvis.orchestrator.models;

import java.time.Duration;
import java.util.Optional;

/**
 * A model could not answer. The message says what happened and how to fix it, in a person's words and without
 * secrets; {@link #partial()} holds what arrived before a failure mid-stream.
 */
public final class ProviderException extends RuntimeException {

    /** What went wrong, in the terms the router decides by. */
    public enum Kind {
        /** Nothing answers at the address, or the connection failed. */
        UNREACHABLE,
        /** The key or token was refused (401, 403). */
        UNAUTHORIZED,
        /** The model does not exist on that server (404). */
        MODEL_NOT_FOUND,
        /** Too many requests (429); {@link #retryAfter()} may say when to try again. */
        RATE_LIMITED,
        /** The service is overloaded (Anthropic's 529, Ollama's 503). */
        OVERLOADED,
        /** The request itself was refused (400): a capability the model lacks, a malformed message. */
        BAD_REQUEST,
        /** A server error (5xx), or an error the server reported after the answer had begun. */
        SERVER_ERROR,
        /** The server closed the stream before the answer was complete. */
        STREAM_CUT,
        /** The server stopped sending without closing: no first token, or nothing more, within the time allowed. */
        STALLED
    }

    private final Kind kind;
    private final transient Duration retryAfter;
    private final transient ChatResult partial;

    public ProviderException(Kind kind, String message, Duration retryAfter, ChatResult partial, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.partial = partial;
    }

    public ProviderException(Kind kind, String message) {
        this(kind, message, null, null, null);
    }

    public Kind kind() {
        return kind;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public Optional<ChatResult> partial() {
        return Optional.ofNullable(partial);
    }

    /** The same failure, now carrying what had arrived. */
    public ProviderException withPartial(ChatResult arrived) {
        return new ProviderException(kind, getMessage(), retryAfter, arrived, getCause());
    }
}
