package jarvis.orchestrator.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * How a setting's value is read from text (command line, Settings view) and from the settings file, and what
 * values it allows. Every rejection says what was wrong and what would be accepted.
 */
public sealed interface SettingType<T> {

    T parse(String text) throws InvalidSettingException;

    T fromJson(JsonNode node) throws InvalidSettingException;

    JsonNode toJson(T value);

    default String format(T value) {
        return String.valueOf(value);
    }

    /** A short phrase for help text: "a whole number from 1 to 3600". */
    String describe();

    private static String found(JsonNode node) {
        if (node.isTextual()) {
            return "text \"" + node.asText() + "\"";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node;
    }

    record Text(boolean allowBlank) implements SettingType<String> {
        @Override public String parse(String text) throws InvalidSettingException {
            String value = text == null ? "" : text.strip();
            if (!allowBlank && value.isEmpty()) {
                throw new InvalidSettingException("must not be empty");
            }
            return value;
        }
        @Override public String fromJson(JsonNode node) throws InvalidSettingException {
            if (!node.isTextual()) {
                throw new InvalidSettingException("expected text, found " + found(node));
            }
            return parse(node.asText());
        }
        @Override public JsonNode toJson(String value) { return TextNode.valueOf(value); }
        @Override public String describe() { return allowBlank ? "text (may be empty)" : "text"; }
    }

    /** An address with one of {@code schemes} and a host; {@code kind} names it ("an http(s)"), {@code example} shows one. */
    record Url(boolean allowBlank, List<String> schemes, String kind, String example) implements SettingType<String> {
        /** An http(s) address. */
        public Url(boolean allowBlank) {
            this(allowBlank, List.of("http", "https"), "an http(s)", "http://host:port");
        }

        @Override public String parse(String text) throws InvalidSettingException {
            String value = text == null ? "" : text.strip();
            if (value.isEmpty()) {
                if (allowBlank) {
                    return "";
                }
                throw new InvalidSettingException("must not be empty; give an address such as " + example);
            }
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme();
                if (scheme == null || !schemes.contains(scheme) || uri.getHost() == null) {
                    throw new InvalidSettingException("\"" + value + "\" is not " + kind + " address; write it like " + example);
                }
            } catch (java.net.URISyntaxException e) {
                throw new InvalidSettingException("\"" + value + "\" is not " + kind + " address (" + e.getReason()
                        + "); write it like " + example);
            }
            return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        }
        @Override public String fromJson(JsonNode node) throws InvalidSettingException {
            if (!node.isTextual()) {
                throw new InvalidSettingException("expected an address as text, found " + found(node));
            }
            return parse(node.asText());
        }
        @Override public JsonNode toJson(String value) { return TextNode.valueOf(value); }
        @Override public String describe() { return "an http(s) address"; }
    }

    record Whole(int min, int max) implements SettingType<Integer> {
        @Override public Integer parse(String text) throws InvalidSettingException {
            try {
                return check(Integer.parseInt(text == null ? "" : text.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidSettingException("\"" + text + "\" is not a whole number; expected " + describe());
            }
        }
        @Override public Integer fromJson(JsonNode node) throws InvalidSettingException {
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                throw new InvalidSettingException("expected " + describe() + ", found " + found(node));
            }
            return check(node.intValue());
        }
        private Integer check(int value) throws InvalidSettingException {
            if (value < min || value > max) {
                throw new InvalidSettingException(value + " is out of range; expected " + describe());
            }
            return value;
        }
        @Override public JsonNode toJson(Integer value) { return IntNode.valueOf(value); }
        @Override public String describe() { return "a whole number from " + min + " to " + max; }
    }

    record Decimal(double min, double max) implements SettingType<Double> {
        @Override public Double parse(String text) throws InvalidSettingException {
            try {
                return check(Double.parseDouble(text == null ? "" : text.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidSettingException("\"" + text + "\" is not a number; expected " + describe());
            }
        }
        @Override public Double fromJson(JsonNode node) throws InvalidSettingException {
            if (!node.isNumber()) {
                throw new InvalidSettingException("expected " + describe() + ", found " + found(node));
            }
            return check(node.doubleValue());
        }
        private Double check(double value) throws InvalidSettingException {
            if (Double.isNaN(value) || value < min || value > max) {
                throw new InvalidSettingException(value + " is out of range; expected " + describe());
            }
            return value;
        }
        @Override public JsonNode toJson(Double value) { return DoubleNode.valueOf(value); }
        @Override public String describe() { return "a number from " + min + " to " + max; }
    }

    record Flag() implements SettingType<Boolean> {
        @Override public Boolean parse(String text) throws InvalidSettingException {
            String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            return switch (value) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new InvalidSettingException("\"" + text + "\" is not true or false");
            };
        }
        @Override public Boolean fromJson(JsonNode node) throws InvalidSettingException {
            if (!node.isBoolean()) {
                throw new InvalidSettingException("expected true or false, found " + found(node));
            }
            return node.booleanValue();
        }
        @Override public JsonNode toJson(Boolean value) { return BooleanNode.valueOf(value); }
        @Override public String describe() { return "true or false"; }
    }

    record Choice(List<String> options) implements SettingType<String> {
        public Choice {
            options = List.copyOf(options);
        }
        @Override public String parse(String text) throws InvalidSettingException {
            String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            if (!options.contains(value)) {
                throw new InvalidSettingException("\"" + text + "\" is not one of " + describe());
            }
            return value;
        }
        @Override public String fromJson(JsonNode node) throws InvalidSettingException {
            if (!node.isTextual()) {
                throw new InvalidSettingException("expected one of " + describe() + ", found " + found(node));
            }
            return parse(node.asText());
        }
        @Override public JsonNode toJson(String value) { return TextNode.valueOf(value); }
        @Override public String describe() { return String.join(", ", options); }
    }

    /** A price list: {@code model=input/output; …} in US dollars per million tokens. */
    record Prices() implements SettingType<String> {
        @Override public String parse(String text) throws InvalidSettingException {
            return PriceList.format(PriceList.parse(text == null ? "" : text));
        }
        @Override public String fromJson(JsonNode node) throws InvalidSettingException {
            if (!node.isTextual()) {
                throw new InvalidSettingException("expected a price list as text, found " + found(node));
            }
            return parse(node.asText());
        }
        @Override public JsonNode toJson(String value) { return TextNode.valueOf(value); }
        @Override public String describe() { return "model=input/output; … (USD per million tokens)"; }
    }
}
