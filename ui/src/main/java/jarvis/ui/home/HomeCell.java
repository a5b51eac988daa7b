package jarvis.ui.home;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import jarvis.devices.home.Entity;
import jarvis.orchestrator.tools.ToolRunner;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One line of the Home area: a heading, or an entity with its icon, name, state and the control its domain has (a
 * switch, a brightness slider, cover buttons, a climate target, lock and run buttons, a sensor's value and sparkline).
 * A stale entity is greyed with the time of its last update and cannot be commanded; an unavailable one says so.
 */
final class HomeCell extends ListCell<HomeRow> {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final HomeViewModel model;
    private final ChangeListener<HomeRow.Shown> redraw = (observable, was, now) -> show(now);
    /** The line this cell follows, if it shows an entity. */
    private HomeRow.Item bound;
    /** What decides the drawn graphic's shape; a change that keeps it only updates the texts and the switch below. */
    private String drawnShape;
    private HBox line;
    private Node control;
    private Label detail;
    private Label value;
    private ToggleSwitch toggle;
    private boolean settingToggle;

    HomeCell(HomeViewModel model) {
        this.model = model;
        setPadding(Insets.EMPTY);
    }

    @Override
    protected void updateItem(HomeRow row, boolean empty) {
        super.updateItem(row, empty);
        setText(null);
        if (bound != null) {
            bound.shown().removeListener(redraw);
            bound = null;
        }
        drawnShape = null;
        if (empty || row == null) {
            setGraphic(null);
            return;
        }
        switch (row) {
            case HomeRow.Heading heading -> setGraphic(heading(heading));
            case HomeRow.Item item -> {
                bound = item;
                item.shown().addListener(redraw);
                show(item.shown().get());
            }
        }
    }

    /** Draws the entity: in full when its shape changed, else only its texts and switch (a sensor sending ten readings a second). */
    private void show(HomeRow.Shown shown) {
        String shape = shape(shown);
        if (shape.equals(drawnShape)) {
            detail.setText(detail(shown));
            showAvailability(shown);
            if (value != null) {
                value.setText(valueText(shown.entity()));
            }
            if (toggle != null) {
                settingToggle = true;
                toggle.setSelected(shown.entity().state().equals("on"));
                settingToggle = false;
            }
            return;
        }
        drawnShape = shape;
        value = null;
        toggle = null;
        setGraphic(item(shown));
    }

    /** An unavailable entity says so and cannot be commanded; it comes back without the line being drawn anew. */
    private void showAvailability(HomeRow.Shown shown) {
        boolean unavailable = !shown.entity().available();
        if (line.getStyleClass().contains("unavailable") != unavailable) {
            if (unavailable) {
                line.getStyleClass().add("unavailable");
            } else {
                line.getStyleClass().remove("unavailable");
            }
        }
        control.setDisable(shown.stale() || unavailable);
    }

    /** What the graphic's shape depends on: for most domains the state too, for sensors and switches not (their texts update). */
    private static String shape(HomeRow.Shown shown) {
        Entity entity = shown.entity();
        String common = entity.entityId() + "|" + entity.name() + "|" + shown.stale() + "|" + shown.favourite() + "|" + shown.marked();
        return switch (entity.domain()) {
            case "sensor", "binary_sensor", "switch", "input_boolean", "fan" -> common;
            case "light" -> common + "|" + entity.state() + "|" + entity.attributes().get("brightness") + "|"
                    + entity.attributes().get("color_temp_kelvin");
            default -> common + "|" + entity.state() + "|" + entity.attributes();
        };
    }

    private Node heading(HomeRow.Heading heading) {
        Label label = new Label(heading.domain() == null ? heading.area() : domainTitle(heading.domain()));
        label.getStyleClass().add(heading.domain() == null ? Styles.TITLE_4 : Styles.TEXT_MUTED);
        HBox box = new HBox(label);
        box.setPadding(heading.domain() == null ? new Insets(14, 12, 4, 12) : new Insets(4, 12, 2, 20));
        box.getStyleClass().add(heading.domain() == null ? "home-area" : "home-domain");
        return box;
    }

    private Node item(HomeRow.Shown item) {
        Entity entity = item.entity();
        Button star = new Button(null, FontIcon.of(Feather.STAR));
        star.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, "home-star");
        if (item.favourite()) {
            star.getStyleClass().add(Styles.ACCENT);
        }
        star.setTooltip(new Tooltip(item.favourite() ? "Unpin from the top" : "Pin on top"));
        star.setOnAction(e -> model.toggleFavourite(entity.entityId()));

        Label name = new Label(entity.name());
        name.getStyleClass().add("home-name");
        detail = new Label(detail(item));
        detail.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        VBox names = new VBox(0, name, detail);
        HBox.setHgrow(names, Priority.ALWAYS);
        names.setMinWidth(120);

        Button mark = new Button(null, FontIcon.of(Feather.SHIELD));
        mark.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, "home-mark");
        mark.setId("mark-" + entity.entityId().replace('.', '-'));
        if (item.marked()) {
            mark.getStyleClass().add(Styles.WARNING);
        }
        mark.setTooltip(new Tooltip(item.marked() ? "Marked hazardous: every action waits for your confirmation. Click to unmark."
                : "Mark hazardous (a heater, a compressor, a saw): every action on it will wait for your confirmation."));
        mark.setOnAction(e -> model.toggleMarked(entity.entityId()));

        Node control = control(item);
        HBox line = new HBox(8, star, FontIcon.of(icon(entity.domain())), names, control, mark);
        line.setAlignment(Pos.CENTER_LEFT);
        line.setPadding(new Insets(4, 12, 4, 20));
        line.setId("home-" + entity.entityId().replace('.', '-'));
        line.getStyleClass().add("home-item");
        if (item.stale()) {
            line.getStyleClass().add("stale");
            line.setOpacity(0.55);
            control.setDisable(true);
        }
        this.control = control;
        this.line = line;
        showAvailability(item);
        return line;
    }

    private static String detail(HomeRow.Shown item) {
        Entity entity = item.entity();
        String where = entity.entityId() + " · " + entity.source();
        if (item.stale()) {
            return "As of " + CLOCK.format(item.since()) + ": " + entity.source() + " is not connected";
        }
        // A reading's own label says "unavailable"; the line under the name stays as it is, so the list keeps its layout.
        if (!entity.available() && !Set.of("sensor", "binary_sensor").contains(entity.domain())) {
            return "Unavailable · " + where;
        }
        return where;
    }

    private Node control(HomeRow.Shown item) {
        Entity entity = item.entity();
        return switch (entity.domain()) {
            case "light" -> light(entity);
            case "switch", "input_boolean", "fan" -> toggle(entity);
            case "cover" -> cover(entity);
            case "climate" -> climate(entity);
            case "lock" -> lock(entity);
            case "scene", "script" -> button("Run", Feather.PLAY, () -> model.act(entity, "turn_on", Map.of()));
            case "sensor", "binary_sensor" -> sensor(entity);
            case "camera" -> camera(entity);
            default -> {
                value = state(valueText(entity));
                yield steady(value);
            }
        };
    }

    private Node light(Entity entity) {
        ToggleSwitch toggle = toggleSwitch(entity);
        if (!(entity.attributes().get("brightness") instanceof Number brightness) || !entity.state().equals("on")) {
            return toggle;
        }
        Slider level = new Slider(1, 100, Math.max(1, Math.round(brightness.doubleValue() / 2.55)));
        level.setId("brightness-" + entity.entityId().replace('.', '-'));
        level.setPrefWidth(120);
        level.setTooltip(new Tooltip("Brightness"));
        // One commit a gesture: a drag or a click on the track ends with the mouse released; the keys end with a key released.
        Runnable commit = () -> model.act(entity, "turn_on", Map.of("brightness_pct", (int) Math.round(level.getValue())));
        level.setOnMouseReleased(e -> commit.run());
        level.setOnKeyReleased(e -> commit.run());
        HBox box = new HBox(8, level, toggle);
        colourTemperature(entity).ifPresent(warmth -> box.getChildren().addFirst(warmth));
        box.setAlignment(Pos.CENTER_RIGHT);
        return box;
    }

    /** A light that takes a colour temperature gets a slider from warm to cool, in kelvin, within what it can do. */
    private Optional<Node> colourTemperature(Entity entity) {
        Object modes = entity.attributes().get("supported_color_modes");
        boolean takes = modes instanceof Collection<?> list && list.stream().anyMatch(mode -> "color_temp".equals(String.valueOf(mode)));
        if (!takes) {
            return Optional.empty();
        }
        double warmest = entity.attributes().get("min_color_temp_kelvin") instanceof Number low ? low.doubleValue() : 2000;
        double coolest = entity.attributes().get("max_color_temp_kelvin") instanceof Number high ? high.doubleValue() : 6500;
        double now = entity.attributes().get("color_temp_kelvin") instanceof Number kelvin ? kelvin.doubleValue() : (warmest + coolest) / 2;
        Slider warmth = new Slider(warmest, coolest, Math.clamp(now, warmest, coolest));
        warmth.setId("warmth-" + entity.entityId().replace('.', '-'));
        warmth.setPrefWidth(90);
        warmth.setTooltip(new Tooltip("Colour temperature: warm to cool"));
        Runnable commit = () -> model.act(entity, "turn_on", Map.of("color_temp_kelvin", (int) Math.round(warmth.getValue())));
        warmth.setOnMouseReleased(e -> commit.run());
        warmth.setOnKeyReleased(e -> commit.run());
        return Optional.of(warmth);
    }

    private Node toggle(Entity entity) {
        toggle = toggleSwitch(entity);
        return toggle;
    }

    /** A switch for on and off; a click (not the state arriving) calls the service, for the entity as it is then. */
    private ToggleSwitch toggleSwitch(Entity entity) {
        ToggleSwitch made = new ToggleSwitch();
        made.setSelected(entity.state().equals("on"));
        made.setId("toggle-" + entity.entityId().replace('.', '-'));
        made.selectedProperty().addListener((observable, was, on) -> {
            Entity now = bound == null ? entity : bound.entity();
            if (!settingToggle && on != now.state().equals("on")) {
                // Refused, expired or failed: the switch goes back to how the device is.
                model.act(now, on ? "turn_on" : "turn_off", Map.of()).whenComplete((card, failure) -> {
                    if (failure != null || card.status() != ToolRunner.Status.DONE) {
                        settingToggle = true;
                        made.setSelected((bound == null ? now : bound.entity()).state().equals("on"));
                        settingToggle = false;
                    }
                });
            }
        });
        return made;
    }

    private Node cover(Entity entity) {
        Object position = entity.attributes().get("current_position");
        HBox box = new HBox(4, state(entity.state() + (position == null ? "" : " · " + position + " %")),
                button(null, Feather.CHEVRON_UP, () -> model.act(entity, "open_cover", Map.of())),
                button(null, Feather.SQUARE, () -> model.act(entity, "stop_cover", Map.of())),
                button(null, Feather.CHEVRON_DOWN, () -> model.act(entity, "close_cover", Map.of())));
        box.setAlignment(Pos.CENTER_RIGHT);
        return box;
    }

    private Node climate(Entity entity) {
        Object current = entity.attributes().get("current_temperature");
        Object target = entity.attributes().get("temperature");
        double step = entity.attributes().get("target_temp_step") instanceof Number number ? number.doubleValue() : 0.5;
        Label now = state(current == null ? "" : current + " °C");
        Node mode = climateMode(entity);
        if (!(target instanceof Number set)) {
            HBox box = new HBox(4, now, mode);
            box.setAlignment(Pos.CENTER_RIGHT);
            return box;
        }
        Label targetLabel = new Label(set + " °C");
        targetLabel.getStyleClass().add(Styles.TEXT_BOLD);
        HBox box = new HBox(4, now, mode, button(null, Feather.MINUS, () -> model.act(entity, "set_temperature",
                Map.of("temperature", set.doubleValue() - step))), targetLabel, button(null, Feather.PLUS,
                () -> model.act(entity, "set_temperature", Map.of("temperature", set.doubleValue() + step))));
        box.setAlignment(Pos.CENTER_RIGHT);
        return box;
    }

    /** The climate's mode (heat, cool, off…), chosen from the modes it has. */
    private Node climateMode(Entity entity) {
        ComboBox<String> modes = new ComboBox<>();
        if (entity.attributes().get("hvac_modes") instanceof Collection<?> list) {
            list.forEach(mode -> modes.getItems().add(String.valueOf(mode)));
        }
        modes.setValue(entity.state());
        modes.setId("mode-" + entity.entityId().replace('.', '-'));
        modes.setOnAction(e -> {
            if (modes.getValue() != null && !modes.getValue().equals(entity.state())) {
                model.act(entity, "set_hvac_mode", Map.of("hvac_mode", modes.getValue()));
            }
        });
        return modes;
    }

    private Node lock(Entity entity) {
        boolean locked = entity.state().equals("locked");
        HBox box = new HBox(8, state(entity.state()), button(locked ? "Unlock" : "Lock", locked ? Feather.UNLOCK : Feather.LOCK,
                () -> model.act(entity, locked ? "unlock" : "lock", Map.of())));
        box.setAlignment(Pos.CENTER_RIGHT);
        return box;
    }

    /** A camera's picture as a thumbnail, loaded in the background; its state when there is none. */
    private Node camera(Entity entity) {
        return model.picture(entity).<Node>map(uri -> {
            ImageView view = new ImageView(new Image(uri.toString(), 160, 90, true, true, true));
            view.setId("thumbnail-" + entity.entityId().replace('.', '-'));
            view.setFitWidth(160);
            view.setFitHeight(90);
            view.setPreserveRatio(true);
            return view;
        }).orElseGet(() -> state(entity.state()));
    }

    private static String valueText(Entity entity) {
        Object unit = entity.attributes().get("unit_of_measurement");
        return entity.state() + (unit == null ? "" : " " + unit);
    }

    private Node sensor(Entity entity) {
        value = state(valueText(entity));
        value.getStyleClass().add(Styles.TEXT_BOLD);
        Sparkline line = new Sparkline();
        Color colour = Color.web("#0969da");
        model.readings(entity.entityId(), readings -> line.draw(readings, colour));
        HBox box = new HBox(8, line, steady(value));
        box.setAlignment(Pos.CENTER_RIGHT);
        return box;
    }

    private static final double VALUE_WIDTH = 150;

    /**
     * A value that changes often, in a box of its own size that does not ask the list to lay out again when the text
     * changes: a sensor sending ten readings a second redraws its label, not the whole list.
     */
    private static Pane steady(Label label) {
        label.setManaged(false);
        label.setAlignment(Pos.CENTER_RIGHT);
        Pane box = new Pane(label) {
            @Override
            protected void layoutChildren() {
                label.resizeRelocate(0, 0, VALUE_WIDTH, getHeight());
            }
        };
        box.setPrefWidth(VALUE_WIDTH);
        box.setMinWidth(VALUE_WIDTH);
        box.setPrefHeight(label.prefHeight(-1));
        box.setMinHeight(Region.USE_PREF_SIZE);
        return box;
    }

    private static Label state(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Button button(String text, Ikon icon, Runnable action) {
        Button button = new Button(text, FontIcon.of(icon));
        if (text == null) {
            button.getStyleClass().add(Styles.BUTTON_ICON);
        }
        button.setOnAction(e -> action.run());
        return button;
    }

    private static Ikon icon(String domain) {
        return switch (domain) {
            case "light" -> Feather.SUN;
            case "switch", "input_boolean" -> Feather.POWER;
            case "fan" -> Feather.WIND;
            case "cover" -> Feather.LAYOUT;
            case "climate" -> Feather.THERMOMETER;
            case "lock" -> Feather.LOCK;
            case "scene", "script" -> Feather.PLAY_CIRCLE;
            case "sensor" -> Feather.ACTIVITY;
            case "binary_sensor" -> Feather.EYE;
            case "camera" -> Feather.CAMERA;
            default -> Feather.CIRCLE;
        };
    }

    private static String domainTitle(String domain) {
        return switch (domain) {
            case "light" -> "Lights";
            case "switch" -> "Switches";
            case "input_boolean" -> "Toggles";
            case "fan" -> "Fans";
            case "cover" -> "Covers";
            case "climate" -> "Climate";
            case "lock" -> "Locks";
            case "scene" -> "Scenes";
            case "script" -> "Scripts";
            case "sensor" -> "Sensors";
            case "binary_sensor" -> "Contacts and motion";
            case "camera" -> "Cameras";
            default -> domain.replace('_', ' ');
        };
    }
}
