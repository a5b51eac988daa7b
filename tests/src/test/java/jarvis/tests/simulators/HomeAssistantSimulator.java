package jarvis.tests.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Home Assistant's WebSocket and REST APIs on a loopback port, faithful to PROTOCOLS.md §4–5: {@code auth_required}
 * first; {@code auth_invalid} and then the socket closed; ids that must strictly increase ({@code id_reuse});
 * events that reuse their subscription's id; the area, device and entity registries; services that change states and
 * send {@code state_changed}; 401 as plain text on REST. Tests change states, count service calls and drop every
 * connection as a restart does.
 */
public final class HomeAssistantSimulator implements AutoCloseable {

    /** A service call as received. */
    public record Call(String domain, String service, List<String> entityIds, JsonNode data) {}

    private final ObjectMapper json = new ObjectMapper();
    private final String token;
    private final Javalin server;
    private final Map<String, ObjectNode> states = new LinkedHashMap<>();
    private final Map<String, String> areaNames = new LinkedHashMap<>();
    private final Map<String, String> entityAreas = new LinkedHashMap<>();
    private final Map<String, String> mqttUniqueIds = new LinkedHashMap<>();
    private final Map<String, List<String>> aliases = new LinkedHashMap<>();
    private final Map<WsContext, Session> sessions = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile java.util.function.Consumer<Call> callWatcher = call -> { };
    private volatile boolean refuseRegistries;

    private static final class Session {
        boolean authenticated;
        int lastId;
        final List<Integer> stateSubscriptions = new ArrayList<>();
        /** Other event types subscribed to, by subscription id. */
        final Map<Integer, String> otherSubscriptions = new LinkedHashMap<>();
    }

    public HomeAssistantSimulator(String token) {
        this.token = token;
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.ws("/api/websocket", ws -> {
                ws.onConnect(ctx -> {
                    sessions.put(ctx, new Session());
                    ctx.send("{\"type\":\"auth_required\",\"ha_version\":\"2026.8.1\"}");
                });
                ws.onMessage(ctx -> receive(ctx, ctx.message()));
                ws.onClose(ctx -> sessions.remove(ctx));
            });
            // As core's camera proxy: the picture for whoever has the camera's access token (the entity_picture's query).
            config.routes.get("/api/camera_proxy/{entity}", ctx -> {
                if (!"camera-token".equals(ctx.queryParam("token"))) {
                    ctx.status(401).contentType("text/plain; charset=utf-8").result("401: Unauthorized");
                    return;
                }
                ctx.contentType("image/png").result(picture());
            });
            config.routes.get("/api/", ctx -> {
                if (!("Bearer " + token).equals(ctx.header("Authorization"))) {
                    ctx.status(401).contentType("text/plain; charset=utf-8").result("401: Unauthorized");
                    return;
                }
                ctx.contentType("application/json").result("{\"message\":\"API running.\"}");
            });
        }).start("127.0.0.1", 0);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Adds an area, such as ("workshop", "Workshop"). */
    public HomeAssistantSimulator withArea(String areaId, String name) {
        synchronized (states) {
            areaNames.put(areaId, name);
        }
        return this;
    }

    /** Adds an entity in an area (null for none). */
    public HomeAssistantSimulator withEntity(String entityId, String state, String friendlyName, String areaId) {
        synchronized (states) {
            ObjectNode attributes = json.createObjectNode().put("friendly_name", friendlyName);
            states.put(entityId, state(entityId, state, attributes));
            if (areaId != null) {
                entityAreas.put(entityId, areaId);
            }
        }
        return this;
    }

    /** Gives an entity an attribute, such as a cover's {@code device_class} or a sensor's {@code unit_of_measurement}. */
    public HomeAssistantSimulator withAttribute(String entityId, String name, String value) {
        synchronized (states) {
            ((ObjectNode) states.get(entityId).path("attributes")).put(name, value);
        }
        return this;
    }

    /** Gives an entity a number attribute, such as a light's {@code brightness} (0 to 255) or a climate's {@code temperature}. */
    public HomeAssistantSimulator withAttribute(String entityId, String name, double value) {
        synchronized (states) {
            ObjectNode attributes = (ObjectNode) states.get(entityId).path("attributes");
            if (value == Math.rint(value)) {
                attributes.put(name, (long) value);
            } else {
                attributes.put(name, value);
            }
        }
        return this;
    }

    /** Gives an entity a list attribute, such as a scene's member {@code entity_id}s. */
    public HomeAssistantSimulator withListAttribute(String entityId, String name, String... values) {
        synchronized (states) {
            ArrayNode list = ((ObjectNode) states.get(entityId).path("attributes")).putArray(name);
            for (String value : values) {
                list.add(value);
            }
        }
        return this;
    }

    /** Adds a camera whose picture the camera proxy serves, as core lists one: {@code entity_picture} with its token. */
    public HomeAssistantSimulator withCamera(String entityId, String friendlyName, String areaId) {
        withEntity(entityId, "idle", friendlyName, areaId);
        return withAttribute(entityId, "entity_picture", "/api/camera_proxy/" + entityId + "?token=camera-token");
    }

    private static byte[] picture() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(320, 180, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D graphics = image.createGraphics();
        graphics.setColor(new java.awt.Color(40, 120, 200));
        graphics.fillRect(0, 0, 320, 180);
        graphics.setColor(java.awt.Color.ORANGE);
        graphics.fillOval(120, 50, 80, 80);
        graphics.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Gives an entity an alias, as a person does in its settings (read from the registry's full entries, not its list). */
    public HomeAssistantSimulator withAlias(String entityId, String alias) {
        synchronized (states) {
            aliases.computeIfAbsent(entityId, id -> new ArrayList<>()).add(alias);
        }
        return this;
    }

    /** Makes an entity one that Home Assistant's MQTT integration discovered, with that discovery {@code unique_id}. */
    public HomeAssistantSimulator fromMqtt(String entityId, String uniqueId) {
        synchronized (states) {
            mqttUniqueIds.put(entityId, uniqueId);
        }
        return this;
    }

    /** Makes the registry commands fail, as for a user without admin rights. */
    public void refuseRegistries() {
        refuseRegistries = true;
    }

    private ObjectNode state(String entityId, String state, ObjectNode attributes) {
        String now = Instant.now().toString();
        ObjectNode node = json.createObjectNode().put("entity_id", entityId).put("state", state);
        node.set("attributes", attributes);
        node.put("last_changed", now).put("last_reported", now).put("last_updated", now);
        node.putObject("context").put("id", UUID.randomUUID().toString()).putNull("parent_id").putNull("user_id");
        return node;
    }

    /** Changes a state as a device would, and sends {@code state_changed} to every subscriber. */
    public void setState(String entityId, String state) {
        change(entityId, state, attributes -> { });
    }

    private void change(String entityId, String state, java.util.function.Consumer<ObjectNode> attributesChange) {
        ObjectNode old;
        ObjectNode updated;
        synchronized (states) {
            old = states.get(entityId);
            ObjectNode attributes = old == null ? json.createObjectNode() : ((ObjectNode) old.path("attributes")).deepCopy();
            attributesChange.accept(attributes);
            updated = state(entityId, state, attributes);
            states.put(entityId, updated);
        }
        ObjectNode data = json.createObjectNode().put("entity_id", entityId);
        data.set("old_state", old);
        data.set("new_state", updated);
        broadcast(data);
    }

    /** Renames an area as a person does in the settings, and sends {@code area_registry_updated} to its subscribers. */
    public void renameArea(String areaId, String name) {
        synchronized (states) {
            areaNames.put(areaId, name);
        }
        sessions.forEach((ctx, session) -> {
            Map<Integer, String> subscribed;
            synchronized (session) {
                subscribed = Map.copyOf(session.otherSubscriptions);
            }
            subscribed.forEach((id, type) -> {
                if (type.equals("area_registry_updated")) {
                    ObjectNode event = json.createObjectNode().put("id", id).put("type", "event");
                    event.putObject("event").put("event_type", type).put("time_fired", Instant.now().toString()).put("origin", "LOCAL")
                            .putObject("data").put("action", "update").put("area_id", areaId);
                    ctx.send(event.toString());
                }
            });
        });
    }

    /** Closes every connection, as a restart of Home Assistant does. */
    public void dropConnections() {
        sessions.keySet().forEach(ctx -> ctx.closeSession(1012, "restarting"));
    }

    /** Told of each service call the moment it arrives, before it is answered (for timing what a person waits for). */
    public void onCall(java.util.function.Consumer<Call> watcher) {
        callWatcher = watcher;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public int connections() {
        return sessions.size();
    }

    private void broadcast(ObjectNode data) {
        sessions.forEach((ctx, session) -> {
            List<Integer> ids;
            synchronized (session) {
                ids = List.copyOf(session.stateSubscriptions);
            }
            for (int id : ids) {
                ObjectNode event = json.createObjectNode().put("id", id).put("type", "event");
                ObjectNode body = event.putObject("event").put("event_type", "state_changed").put("time_fired", Instant.now().toString())
                        .put("origin", "LOCAL");
                body.set("data", data);
                ctx.send(event.toString());
            }
        });
    }

    private void receive(WsContext ctx, String text) throws Exception {
        Session session = sessions.get(ctx);
        if (session == null) {
            return;
        }
        JsonNode message = json.readTree(text);
        if (!session.authenticated) {
            if (!message.path("type").asText().equals("auth") || !message.has("access_token")) {
                ctx.send("{\"type\":\"auth_invalid\",\"message\":\"Auth message incorrectly formatted: expected auth\"}");
                ctx.closeSession();
            } else if (!message.path("access_token").asText().equals(token)) {
                ctx.send("{\"type\":\"auth_invalid\",\"message\":\"Invalid access token or password\"}");
                ctx.closeSession();
            } else {
                session.authenticated = true;
                ctx.send("{\"type\":\"auth_ok\",\"ha_version\":\"2026.8.1\"}");
            }
            return;
        }
        int id = message.path("id").asInt();
        synchronized (session) {
            if (id <= session.lastId) {
                ctx.send(error(id, "id_reuse", "Identifier values have to increase."));
                return;
            }
            session.lastId = id;
        }
        switch (message.path("type").asText()) {
            case "subscribe_events" -> {
                synchronized (session) {
                    if (message.path("event_type").asText().equals("state_changed")) {
                        session.stateSubscriptions.add(id);
                    } else {
                        session.otherSubscriptions.put(id, message.path("event_type").asText());
                    }
                }
                ctx.send(success(id, json.nullNode()));
            }
            case "get_states" -> {
                ArrayNode all = json.createArrayNode();
                synchronized (states) {
                    states.values().forEach(all::add);
                }
                ctx.send(success(id, all));
            }
            case "config/entity_registry/get_entries" -> {
                ObjectNode full = json.createObjectNode();
                synchronized (states) {
                    message.path("entity_ids").forEach(entityId -> {
                        ObjectNode entry = full.putObject(entityId.asText()).put("entity_id", entityId.asText());
                        ArrayNode given = entry.putArray("aliases");
                        aliases.getOrDefault(entityId.asText(), List.of()).forEach(given::add);
                    });
                }
                ctx.send(refuseRegistries ? error(id, "unauthorized", "Unauthorized") : success(id, full));
            }
            case "config/area_registry/list", "config/device_registry/list", "config/entity_registry/list" ->
                    ctx.send(refuseRegistries ? error(id, "unauthorized", "Unauthorized") : success(id, registry(message.path("type").asText())));
            case "call_service" -> callService(ctx, id, message);
            case "ping" -> ctx.send("{\"id\":" + id + ",\"type\":\"pong\"}");
            default -> ctx.send(error(id, "unknown_command", "Unknown command."));
        }
    }

    private JsonNode registry(String type) {
        ArrayNode list = json.createArrayNode();
        synchronized (states) {
            switch (type) {
                case "config/area_registry/list" -> areaNames.forEach((id, name) -> list.addObject().put("area_id", id).put("name", name)
                        .putArray("aliases"));
                case "config/device_registry/list" -> { }
                default -> states.keySet().forEach(entityId -> {
                    // As core's entity registry lists an entry: the integration (platform) and its own unique id among the fields.
                    String mqtt = mqttUniqueIds.get(entityId);
                    ObjectNode entry = list.addObject().put("entity_id", entityId).putNull("device_id").putNull("name")
                            .put("platform", mqtt == null ? "demo" : "mqtt").put("unique_id", mqtt == null ? "demo-" + entityId : mqtt);
                    String area = entityAreas.get(entityId);
                    if (area == null) {
                        entry.putNull("area_id");
                    } else {
                        entry.put("area_id", area);
                    }
                });
            }
        }
        return list;
    }

    private void callService(WsContext ctx, int id, JsonNode message) {
        String domain = message.path("domain").asText();
        String service = message.path("service").asText();
        List<String> targets = new ArrayList<>();
        message.path("target").path("entity_id").forEach(entity -> targets.add(entity.asText()));
        Call call = new Call(domain, service, targets, message.path("service_data"));
        callWatcher.accept(call);
        calls.add(call);
        String next = switch (service) {
            case "turn_on", "open_cover", "unlock" -> service.equals("turn_on") ? "on" : service.equals("unlock") ? "unlocked" : "open";
            case "turn_off", "close_cover", "lock" -> service.equals("turn_off") ? "off" : service.equals("lock") ? "locked" : "closed";
            case "toggle" -> null;
            case "set_temperature", "set_cover_position", "set_percentage" -> "=";
            case "set_hvac_mode" -> message.path("service_data").path("hvac_mode").asText("");
            default -> "";
        };
        if ("".equals(next)) {
            ctx.send(error(id, "not_found", "Service " + domain + "." + service + " not found."));
            return;
        }
        for (String entityId : targets) {
            boolean known;
            synchronized (states) {
                known = states.containsKey(entityId);
            }
            if (!known) {
                ctx.send(error(id, "service_validation_error", "Referenced entities " + entityId + " are missing or not currently available"));
                return;
            }
        }
        ObjectNode result = json.createObjectNode();
        result.putObject("context").put("id", UUID.randomUUID().toString()).putNull("parent_id").put("user_id", "jarvis");
        result.putNull("response");
        ctx.send(success(id, result));
        JsonNode data = message.path("service_data");
        for (String entityId : targets) {
            String current;
            synchronized (states) {
                current = states.get(entityId).path("state").asText();
            }
            String state = "=".equals(next) ? current : next != null ? next : current.equals("on") ? "off" : "on";
            change(entityId, state, attributes -> {
                // As the real integrations report back: the values the call set, in the attributes the state carries.
                if (data.has("brightness_pct")) {
                    attributes.put("brightness", Math.round(data.path("brightness_pct").asDouble() * 2.55));
                }
                if (data.has("brightness")) {
                    attributes.put("brightness", data.path("brightness").asInt());
                }
                if (data.has("temperature")) {
                    attributes.put("temperature", data.path("temperature").asDouble());
                }
                if (data.has("position")) {
                    attributes.put("current_position", data.path("position").asInt());
                }
                if (data.has("percentage")) {
                    attributes.put("percentage", data.path("percentage").asInt());
                }
            });
        }
    }

    private String success(int id, JsonNode result) {
        ObjectNode message = json.createObjectNode().put("id", id).put("type", "result").put("success", true);
        message.set("result", result);
        return message.toString();
    }

    private String error(int id, String code, String text) {
        ObjectNode message = json.createObjectNode().put("id", id).put("type", "result").put("success", false);
        message.putObject("error").put("code", code).put("message", text);
        return message.toString();
    }

    @Override
    public void close() {
        server.stop();
    }
}
