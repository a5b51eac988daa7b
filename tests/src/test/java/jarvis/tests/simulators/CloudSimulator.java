package jarvis.tests.simulators;

import java.io.IOException;

/**
 * The model-list routes of the cloud APIs (PROTOCOLS.md §2 and §3), with their authentication errors: OpenAI's
 * {@code GET /v1/models} with a Bearer key, Anthropic's {@code GET /v1/models} with {@code x-api-key} and
 * {@code anthropic-version}.
 */
public final class CloudSimulator extends HttpSimulator {

    public CloudSimulator(String validKey) throws IOException {
        server.createContext("/v1/models", exchange -> {
            String bearer = exchange.getRequestHeaders().getFirst("Authorization");
            String apiKey = exchange.getRequestHeaders().getFirst("x-api-key");
            if (apiKey != null) {
                if (exchange.getRequestHeaders().getFirst("anthropic-version") == null) {
                    respond(exchange, 400, "application/json", "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                            + "\"message\":\"anthropic-version: header is required\"}}");
                } else if (!apiKey.equals(validKey)) {
                    respond(exchange, 401, "application/json", "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                            + "\"message\":\"invalid x-api-key\"},\"request_id\":\"req_sim\"}");
                } else {
                    respond(exchange, 200, "application/json", "{\"data\":[{\"type\":\"model\",\"id\":\"claude-sonnet-4-5\"}],\"has_more\":false}");
                }
            } else if (bearer == null || !bearer.equals("Bearer " + validKey)) {
                respond(exchange, 401, "application/json", "{\"error\":{\"message\":\"Incorrect API key provided: sk-…\","
                        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");
            } else {
                respond(exchange, 200, "application/json", "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4.1-mini\",\"object\":\"model\"}]}");
            }
        });
        start();
    }
}
