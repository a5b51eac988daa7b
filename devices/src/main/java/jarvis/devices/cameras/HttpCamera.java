package jarvis.devices.cameras;

import jarvis.devices.cameras.CameraException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;

/**
 * A camera behind one HTTP address (PROTOCOLS.md §10): a snapshot URL that answers with a JPEG (Hikvision's
 * {@code /ISAPI/Streaming/channels/101/picture}, Dahua's {@code /cgi-bin/snapshot.cgi}, ustreamer's {@code /snapshot},
 * Frigate's {@code /api/<camera>/latest.jpg}), or an MJPEG stream whose first whole frame is the picture. A
 * cache-buster keeps proxies from answering with an old frame. A camera that asks for a login gets Basic or Digest
 * (MD5 or SHA-256, {@code qop=auth}), as it asks. The whole picture must arrive within the timeout: a camera that sends
 * its headers and then stalls does not hold the caller.
 */
public final class HttpCamera implements Camera {

    /** Marks a read given up on before its body was open. */
    private static final InputStream ABANDONED = InputStream.nullInputStream();
    private static final Pattern CHALLENGE_PARAMETER = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");

    private final String name;
    private final URI address;
    private final String user;
    private final String password;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    private final Map<String, String> headers;

    public HttpCamera(String name, URI address, String user, String password, HttpClient http, Duration timeout, Clock clock) {
        this(name, address, user, password, Map.of(), http, timeout, clock);
    }

    /**
     * {@code headers}: sent with every request, for servers that take a token rather than a challenge (Home
     * Assistant's {@code Authorization: Bearer}, UniFi Protect's {@code X-API-KEY}).
     */
    public HttpCamera(String name, URI address, String user, String password, Map<String, String> headers, HttpClient http, Duration timeout,
                      Clock clock) {
        this.name = name;
        this.address = address;
        this.user = user;
        this.password = password;
        this.headers = Map.copyOf(headers);
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
        // The body being read: closed on a timeout, so a camera that stalls mid-picture leaves no thread blocked on it.
        AtomicReference<InputStream> reading = new AtomicReference<>();
        CompletableFuture<Frame> picture = CompletableFuture.supplyAsync(() -> fetch(reading), command -> Thread.ofVirtual().start(command));
        try {
            return picture.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            picture.cancel(true);
            abandon(reading);
            throw new CameraException(Kind.UNREACHABLE, name + " sent no whole picture within " + timeout.toSeconds() + " s.", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Failed failed) {
                throw failed.reason;
            }
            throw new CameraException(Kind.UNREACHABLE, name + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(reading);
            throw new CameraException(Kind.UNREACHABLE, "Stopped while waiting for " + name + ".", e);
        }
    }

    /** Given up on: the body is closed now, or as soon as it is opened, so no thread stays blocked reading it. */
    private static void abandon(AtomicReference<InputStream> reading) {
        InputStream stalled = reading.getAndSet(ABANDONED);
        closeQuietly(stalled);
    }

    private static void closeQuietly(InputStream stream) {
        if (stream != null && stream != ABANDONED) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // Closing a stream that has stalled anyway.
            }
        }
    }

    /** A {@link CameraException} carried out of the future. */
    private static final class Failed extends RuntimeException {
        private final CameraException reason;

        Failed(CameraException reason) {
            super(reason.getMessage(), reason, false, false);
            this.reason = reason;
        }
    }

    private Frame fetch(AtomicReference<InputStream> reading) {
        try {
            URI fresh = URI.create(address + (address.getQuery() == null ? "?" : "&") + "_=" + clock.millis());
            HttpResponse<InputStream> answer = send(fresh, Optional.empty());
            if (answer.statusCode() == 401 && !user.isEmpty()) {
                Optional<String> login = authorization(answer.headers().firstValue("WWW-Authenticate").orElse(""), fresh);
                answer.body().close();
                if (login.isPresent()) {
                    answer = send(fresh, login);
                }
            }
            try (InputStream body = answer.body()) {
                if (reading.compareAndExchange(null, body) == ABANDONED) {
                    throw new Failed(new CameraException(Kind.UNREACHABLE, "Stopped waiting for " + name + "."));
                }
                int code = answer.statusCode();
                if (code == 401 || code == 403) {
                    throw new Failed(new CameraException(Kind.REFUSED, name + " refused " + (!headers.isEmpty() ? "its token or API key"
                            : user.isEmpty() ? "to answer without a login" : "the user name and password") + " (" + code + "): check "
                            + (headers.isEmpty() ? "them in the camera's settings." : "it, and add the camera again with the right one piped in.")));
                }
                if (code == 404) {
                    throw new Failed(new CameraException(Kind.NOT_A_PICTURE, name + " is not at " + address.getPath() + " (404): check the address"
                            + (headers.isEmpty() ? "." : " and the camera's id or entity.")));
                }
                // Frigate answers an offline camera with a stand-in picture, and says so in a header.
                if (answer.headers().firstValue("X-Frigate-Offline").filter("true"::equalsIgnoreCase).isPresent()) {
                    throw new Failed(new CameraException(Kind.UNREACHABLE, name + " is offline: Frigate has no recent frame from it."));
                }
                if (code != 200) {
                    throw new Failed(new CameraException(Kind.NOT_A_PICTURE, name + " answered " + code + " at " + address + ", not a picture."));
                }
                String type = answer.headers().firstValue("Content-Type").orElse("");
                Optional<MjpegReader> stream = MjpegReader.of(type, body);
                if (stream.isPresent()) {
                    byte[] frame = stream.get().next().orElseThrow(() -> new Failed(new CameraException(Kind.NOT_A_PICTURE,
                            name + "'s stream ended before a whole picture arrived.")));
                    return new Frame(frame, clock.instant());
                }
                byte[] bytes = body.readNBytes(32 * 1024 * 1024);
                if (!Frame.isPicture(bytes)) {
                    throw new Failed(new CameraException(Kind.NOT_A_PICTURE, name + " answered with " + (type.isEmpty() ? "something" : type)
                            + " that is not a picture; check the address (" + address.getPath() + ")."));
                }
                return new Frame(bytes, clock.instant());
            }
        } catch (HttpTimeoutException e) {
            throw new Failed(new CameraException(Kind.UNREACHABLE, name + " did not answer within " + timeout.toSeconds() + " s.", e));
        } catch (ConnectException e) {
            throw new Failed(new CameraException(Kind.UNREACHABLE, name + " at " + address.getHost() + " cannot be reached: is it on, and is the "
                    + "address right?", e));
        } catch (SSLHandshakeException e) {
            throw new Failed(new CameraException(Kind.REFUSED, untrusted(name, address), e));
        } catch (IOException e) {
            throw new Failed(new CameraException(Kind.UNREACHABLE, name + " broke off: " + e.getMessage(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed(new CameraException(Kind.UNREACHABLE, "Stopped while waiting for " + name + ".", e));
        }
    }

    /** What to say of a server whose certificate this machine does not trust (Frigate's port 8971, a UniFi console). */
    static String untrusted(String name, URI address) {
        return name + ": the certificate of " + address.getHost() + " is not one this machine trusts (most likely its own, self-signed). "
                + "Use its plain http address on the local network (Frigate's port 5000), or add its certificate to Java's trust store.";
    }

    private HttpResponse<InputStream> send(URI uri, Optional<String> login) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Cache-Control", "no-cache").GET();
        headers.forEach(request::header);
        login.ifPresent(value -> request.header("Authorization", value));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** The answer to a camera's challenge: Basic, or Digest with MD5 or SHA-256; empty for a scheme not known. */
    private Optional<String> authorization(String challenge, URI uri) {
        String scheme = challenge.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (scheme.equals("basic")) {
            return Optional.of("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (!scheme.equals("digest")) {
            return Optional.empty();
        }
        Map<String, String> asked = new HashMap<>();
        Matcher parameter = CHALLENGE_PARAMETER.matcher(challenge);
        while (parameter.find()) {
            asked.put(parameter.group(1).toLowerCase(Locale.ROOT), parameter.group(2) != null ? parameter.group(2) : parameter.group(3));
        }
        String algorithm = asked.getOrDefault("algorithm", "MD5");
        String digest = algorithm.toUpperCase(Locale.ROOT).startsWith("SHA-256") ? "SHA-256" : "MD5";
        String realm = asked.getOrDefault("realm", "");
        String nonce = asked.getOrDefault("nonce", "");
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        byte[] random = new byte[8];
        ThreadLocalRandom.current().nextBytes(random);
        String clientNonce = HexFormat.of().formatHex(random);
        String ha1 = hash(digest, user + ":" + realm + ":" + password);
        String ha2 = hash(digest, "GET:" + path);
        boolean withQop = asked.getOrDefault("qop", "").toLowerCase(Locale.ROOT).contains("auth");
        String response = withQop ? hash(digest, ha1 + ":" + nonce + ":00000001:" + clientNonce + ":auth:" + ha2) : hash(digest, ha1 + ":" + nonce + ":" + ha2);
        StringBuilder header = new StringBuilder("Digest username=\"").append(user).append("\", realm=\"").append(realm).append("\", nonce=\"")
                .append(nonce).append("\", uri=\"").append(path).append("\", algorithm=").append(algorithm).append(", response=\"").append(response)
                .append('"');
        if (withQop) {
            header.append(", qop=auth, nc=00000001, cnonce=\"").append(clientNonce).append('"');
        }
        if (asked.containsKey("opaque")) {
            header.append(", opaque=\"").append(asked.get("opaque")).append('"');
        }
        return Optional.of(header.toString());
    }

    private static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has " + algorithm, e);
        }
    }
}
