package jarvis.devices.cameras;

import com.fasterxml.jackson.databind.ObjectMapper;
import jarvis.devices.cameras.CameraException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;

/**
 * A camera of Frigate's: its latest picture ({@code /api/<camera>/latest.jpg}). Frigate's internal port (5000) wants no
 * login; its authenticated port (8971) wants a JWT from {@code POST /api/login}, kept and sent as a bearer token,
 * and fetched again once when it is refused (it lasts 24 hours by default).
 */
public final class FrigateCamera implements Camera {

    private static final Pattern TOKEN = Pattern.compile("frigate_token=([^;]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final URI base;
    private final URI latest;
    private final String user;
    private final String password;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private String token;

    public FrigateCamera(String name, URI base, String camera, String user, String password, HttpClient http, Duration timeout, Clock clock) {
        this.name = name;
        this.base = base;
        // height for Frigate 0.15 and later, h for 0.14 and before: each ignores the other.
        this.latest = URI.create(base + "/api/" + URLEncoder.encode(camera, StandardCharsets.UTF_8).replace("+", "%20") + "/latest.jpg?height=720&h=720");
        this.user = user;
        this.password = password;
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Frame snapshot() throws CameraException {
        if (user.isEmpty()) {
            return picture(Map.of());
        }
        boolean fresh = false;
        if (token() == null) {
            login();
            fresh = true;
        }
        try {
            return picture(Map.of("Authorization", "Bearer " + token()));
        } catch (CameraException e) {
            if (e.kind() != Kind.REFUSED || fresh) {
                throw e;
            }
            login();
            return picture(Map.of("Authorization", "Bearer " + token()));
        }
    }

    private Frame picture(Map<String, String> headers) throws CameraException {
        return new HttpCamera(name, latest, "", "", headers, http, timeout, clock).snapshot();
    }

    private synchronized String token() {
        return token;
    }

    /** Logs in and keeps the token from the {@code frigate_token} cookie. */
    private synchronized void login() throws CameraException {
        String body = JSON.createObjectNode().put("user", user).put("password", password).toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/login")).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (SSLHandshakeException e) {
            throw new CameraException(Kind.REFUSED, HttpCamera.untrusted(name, base), e);
        } catch (IOException e) {
            throw new CameraException(Kind.UNREACHABLE, "Frigate at " + base.getHost() + " cannot be reached for " + name + " (" + e.getMessage() + ").", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CameraException(Kind.UNREACHABLE, "Stopped while logging in to Frigate for " + name + ".", e);
        }
        token = null;
        switch (answer.statusCode()) {
            case 200 -> { }
            // 0.14 answers a wrong password with 400, later versions with 401; both say "Login failed".
            case 400, 401 -> throw new CameraException(Kind.REFUSED, "Frigate refused the login of " + user + " for " + name
                    + ": check the user name and password, and add the camera again.");
            case 429 -> throw new CameraException(Kind.REFUSED, "Frigate is turning logins away for now after too many failed ones; try again in a minute.");
            default -> throw new CameraException(Kind.NOT_A_PICTURE, "Frigate answered the login for " + name + " with " + answer.statusCode()
                    + ": is " + base + " Frigate's authenticated port (8971)?");
        }
        Optional<String> cookie = answer.headers().allValues("Set-Cookie").stream().map(TOKEN::matcher).filter(Matcher::find)
                .map(found -> found.group(1)).findFirst();
        token = cookie.orElseThrow(() -> new CameraException(Kind.REFUSED, "Frigate accepted the login for " + name + " but sent no token."));
    }
}
