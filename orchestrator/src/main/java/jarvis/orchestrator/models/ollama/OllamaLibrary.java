package jarvis.orchestrator.models.ollama;

import io.github.ollama4j.Ollama;
import io.github.ollama4j.exceptions.OllamaException;
import io.github.ollama4j.models.response.Model;
import io.github.ollama4j.models.response.ModelDetail;
import io.github.ollama4j.models.response.ModelMeta;
import jarvis.orchestrator.models.ProviderException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The models Ollama has and what each can do, through ollama4j ({@code /api/tags}, then {@code /api/show} for the
 * capabilities). A client is made for the address in force and reused until the address changes.
 */
public final class OllamaLibrary {

    private final Supplier<String> baseUrl;
    private String clientUrl;
    private Ollama client;

    public OllamaLibrary(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    private synchronized Ollama client() {
        String url = baseUrl.get();
        if (!url.equals(clientUrl)) {
            client = new Ollama(url);
            client.setRequestTimeoutSeconds(10);
            clientUrl = url;
        }
        return client;
    }

    public List<LocalModel> models() {
        Ollama ollama = client();
        try {
            List<LocalModel> models = new ArrayList<>();
            for (Model model : ollama.listModels()) {
                ModelMeta meta = model.getModelMeta();
                models.add(new LocalModel(model.getName(), model.getSize(), meta == null ? "" : nullToEmpty(meta.getFamily()),
                        meta == null ? "" : nullToEmpty(meta.getParameterSize()), meta == null ? "" : nullToEmpty(meta.getQuantizationLevel()),
                        capabilities(ollama, model.getName())));
            }
            return models;
        } catch (OllamaException | RuntimeException e) {
            throw new ProviderException(ProviderException.Kind.UNREACHABLE, "Cannot list the models of Ollama at " + clientUrl + " ("
                    + why(e) + "). Is it running? Check its address in Settings.");
        }
    }

    private static Set<String> capabilities(Ollama ollama, String name) throws OllamaException {
        ModelDetail detail = ollama.getModelDetails(name);
        String[] capabilities = detail == null ? null : detail.getCapabilities();
        return capabilities == null ? Set.of() : Set.copyOf(Arrays.asList(capabilities));
    }

    private static String why(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage();
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
