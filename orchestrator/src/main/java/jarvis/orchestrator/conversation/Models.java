package jarvis.orchestrator.conversation;

import jarvis.orchestrator.models.ModelProvider;
import java.util.Optional;

/** The models a turn may use, as the settings and secrets describe them right now. */
public interface Models {

    ModelProvider local();

    /** The default local model (a conversation may name another). */
    String localModel();

    /** The configured cloud provider, if any: "openai" or "anthropic". */
    String cloudProviderName();

    String cloudModel();

    boolean cloudKeyPresent();

    /** The cloud provider, when one is chosen. */
    Optional<ModelProvider> cloud();
}
