package jarvis.tests.simulators;

import java.io.IOException;

/**
 * Ollama as PROTOCOLS.md §1 describes it, as far as this version of Jarvis talks to it: {@code GET /} answers
 * "Ollama is running", {@code GET /api/version} the version, an unknown route 404 with Ollama's error body.
 */
public final class OllamaSimulator extends HttpSimulator {

    public OllamaSimulator() throws IOException {
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/") && exchange.getRequestMethod().matches("GET|HEAD")) {
                respond(exchange, 200, "text/plain; charset=utf-8", "Ollama is running");
            } else if (path.equals("/api/version") && exchange.getRequestMethod().equals("GET")) {
                respond(exchange, 200, "application/json; charset=utf-8", "{\"version\":\"0.12.6\"}");
            } else {
                respond(exchange, 404, "text/plain", "404 page not found");
            }
        });
        start();
    }
}
