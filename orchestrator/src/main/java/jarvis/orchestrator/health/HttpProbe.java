package jarvis.orchestrator.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks an HTTP integration by one GET: Ollama's {@code /api/version}, a cloud API's model list. What to ask
 * is read from the live settings at every check, so a changed address or key counts at once.
 */
public final class HttpProbe implements HealthProbe {

    /** One check's request, or null when the integration is not configured (the reason in {@code notConfigured}). */
    public record Target(URI uri, Map<String, String> headers, String notConfigured) {
        public static Target notConfigured(String why) {
            return new Target(null, Map.of(), why);
        }
    }

    private final String integration;
    private final Supplier<HttpClient> http;
    private final Supplier<Target> target;

    /** {@code http} is asked for its client at the first check (making one costs a quarter second of start-up). */
    public HttpProbe(String integration, Supplier<HttpClient> http, Supplier<Target> target) {
        this.integration = integration;
        this.http = http;
        this.target = target;
    }

    @Override
    public String integration() {
        return integration;
    }

    @Override
    public boolean required() {
        return false;
    }

    @Override
    public Health check() {
        Target t = target.get();
        if (t.uri() == null) {
            return new Health(integration, Health.Status.NOT_CONFIGURED, t.notConfigured(), Instant.now());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(t.uri()).timeout(Duration.ofSeconds(5)).GET();
        t.headers().forEach(request::header);
        String where = t.uri().getScheme() + "://" + t.uri().getAuthority();
        try {
            HttpResponse<Void> response = http.get().send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status / 100 == 2) {
                return new Health(integration, Health.Status.REACHABLE, "Answering at " + where, Instant.now());
            }
            String hint = status == 401 || status == 403 ? " — the key was refused; check it in Settings" : "";
            return new Health(integration, Health.Status.UNREACHABLE, where + " answered " + status + hint, Instant.now());
        } catch (ConnectException e) {
            return new Health(integration, Health.Status.UNREACHABLE, "Nothing answers at " + where + "; is it running?", Instant.now());
        } catch (HttpTimeoutException e) {
            return new Health(integration, Health.Status.UNREACHABLE, where + " did not answer within 5 s", Instant.now());
        } catch (IOException e) {
            return new Health(integration, Health.Status.UNREACHABLE, "Cannot reach " + where + ": " + e.getClass().getSimpleName(), Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Health(integration, Health.Status.UNREACHABLE, "Check interrupted", Instant.now());
        }
    }
}
