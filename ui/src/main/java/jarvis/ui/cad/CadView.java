package jarvis.ui.cad;

import atlantafx.base.theme.Styles;
import jarvis.cad.parts.Fit;
import jarvis.orchestrator.artifacts.Artifact;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The CAD area: the stored parts on the left (each with its version and where it came from), the part in 3D on a
 * build plate in the middle, and on the right its numbers and whether it fits each printer. A CAD file dropped
 * anywhere on the window opens here.
 */
public final class CadView extends BorderPane {

    private final CadViewModel model;
    private final PartViewer viewer = new PartViewer();
    private final VBox facts = new VBox(4);
    private final VBox fits = new VBox(4);
    private final FlowPane printOn = new FlowPane(6, 6);
    private final ParameterSliders parameters;
    /** The printers whose build volume is known; the part stands on the chosen one's plate. */
    private final ComboBox<Fit> plateOf = new ComboBox<>();
    private final ComboBox<Artifact> versions = new ComboBox<>();
    /** Set while the view picks the shown version itself, so that picking it does not open it again. */
    private boolean choosing;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());
    private final Label title = new Label("No part open");
    private final Label note = new Label();

    public CadView(CadViewModel model) {
        this.model = model;
        this.parameters = new ParameterSliders(model::change);
        setId("cad-view");
        ListView<Artifact> parts = new ListView<>(model.parts());
        parts.setId("cad-parts");
        parts.setPrefWidth(220);
        parts.setCellFactory(list -> new PartCell(model));
        model.thumbnails().addListener((MapChangeListener<String, Image>) change -> parts.refresh());
        parts.getSelectionModel().selectedItemProperty().addListener((seen, was, part) -> {
            if (part != null) {
                model.show(part);
            }
        });
        setLeft(parts);
        ToggleButton overhangs = new ToggleButton("Overhangs", FontIcon.of(Feather.ALERT_TRIANGLE));
        overhangs.setId("cad-overhangs");
        overhangs.setTooltip(new Tooltip("Faces that lean out more than 45° from the vertical, in orange: they need support"));
        overhangs.selectedProperty().addListener((seen, was, on) -> viewer.overhangs(on));
        plateOf.setId("cad-plate-printer");
        plateOf.setTooltip(new Tooltip("Whose build plate the part stands on"));
        plateOf.getSelectionModel().selectedItemProperty().addListener((seen, was, fit) -> {
            if (fit != null) {
                fit.space().ifPresent(space -> viewer.plate(space.width(), space.depth(), space.round()));
            }
        });
        plateOf.setConverter(new StringConverter<>() {
            @Override
            public String toString(Fit fit) {
                return fit == null ? "" : fit.printer() + "'s plate";
            }

            @Override
            public Fit fromString(String text) {
                return null;
            }
        });
        ToolBar tools = new ToolBar(button("Fit", Feather.MAXIMIZE, "fit"), button("Front", Feather.SQUARE, "front"),
                button("Top", Feather.ARROW_DOWN, "top"), button("Right", Feather.ARROW_LEFT, "right"), button("Iso", Feather.BOX, "iso"),
                new Separator(Orientation.VERTICAL), overhangs);
        // Without 3D (some remote desktops, software rendering) the numbers still stand; the view says why it is empty.
        Label no3d = new Label("This display cannot draw 3D: the part's numbers are on the right.");
        no3d.getStyleClass().add(Styles.TEXT_MUTED);
        // The viewer is there either way (its part and plate are the same), only not shown where it cannot be drawn.
        boolean drawn = Platform.isSupported(ConditionalFeature.SCENE3D);
        viewer.setVisible(drawn);
        no3d.setVisible(!drawn);
        BorderPane middle = new BorderPane(new StackPane(viewer, no3d));
        middle.setTop(tools);
        setCenter(middle);
        title.getStyleClass().add(Styles.TITLE_4);
        title.setId("cad-title");
        note.setWrapText(true);
        note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.WARNING);
        note.setId("cad-note");
        facts.setId("cad-facts");
        fits.setId("cad-fits");
        Label fitsTitle = new Label("Printers");
        fitsTitle.getStyleClass().add(Styles.TEXT_BOLD);
        printOn.setId("cad-print-on");
        parameters.setId("cad-parameters");
        versions.setId("cad-versions");
        versions.setItems(model.versions());
        versions.setMaxWidth(Double.MAX_VALUE);
        versions.setConverter(new StringConverter<>() {
            @Override
            public String toString(Artifact version) {
                return version == null ? "" : "Version " + version.version() + " · " + WHEN.format(version.createdAt()) + " · " + PartCell.origin(version);
            }

            @Override
            public Artifact fromString(String text) {
                return null;
            }
        });
        versions.valueProperty().addListener((seen, was, version) -> {
            CadViewModel.Shown part = model.shown().get();
            if (!choosing && version != null && part != null && !version.id().equals(part.version())) {
                model.show(version);
            }
        });
        model.versions().addListener((ListChangeListener<Artifact>) change -> chooseVersion());
        plateOf.setMaxWidth(Double.MAX_VALUE);
        VBox side = new VBox(10, title, versions, facts, note, parameters, fitsTitle, fits, printOn, plateOf);
        side.setPadding(new Insets(12));
        side.setPrefWidth(280);
        setRight(side);
        Label status = new Label();
        status.setId("cad-status");
        status.textProperty().bind(model.status());
        status.setWrapText(true);
        TextField describe = new TextField();
        describe.setId("cad-describe");
        describe.setPromptText("Describe a part, with its sizes: a 40 mm cable clip for a 6 mm cable");
        Button make = new Button("Make", FontIcon.of(Feather.PEN_TOOL));
        make.setId("cad-make");
        make.setOnAction(event -> model.make(describe.getText()));
        describe.setOnAction(event -> model.make(describe.getText()));
        Button stop = new Button("Stop", FontIcon.of(Feather.SQUARE));
        stop.setId("cad-stop");
        stop.visibleProperty().bind(model.busy());
        stop.managedProperty().bind(model.busy());
        stop.setOnAction(event -> model.stop());
        HBox.setHgrow(describe, Priority.ALWAYS);
        Label whereMade = new Label();
        whereMade.setId("cad-where-made");
        whereMade.textProperty().bind(model.whereMade().map(CadViewModel.WhereMade::said));
        // A cloud when a description may leave this machine; a monitor when it stays here.
        whereMade.graphicProperty().bind(model.whereMade().map(where -> FontIcon.of(where.cloud() ? Feather.CLOUD : Feather.MONITOR)));
        whereMade.setWrapText(true);
        whereMade.getStyleClass().add(Styles.TEXT_MUTED);
        describe.focusedProperty().addListener((seen, was, focused) -> {
            if (focused) {
                model.checkWhereMade();
            }
        });
        VBox bottom = new VBox(6, new HBox(6, describe, make, stop), whereMade, status);
        bottom.setPadding(new Insets(6, 12, 6, 12));
        setBottom(bottom);
        model.shown().addListener((seen, was, part) -> show(part));
        model.resets().addListener((seen, was, now) -> parameters.show(model.shown().get() == null ? List.of() : model.shown().get().parameters()));
        model.refresh();
    }

    private Button button(String text, Feather icon, String view) {
        Button button = new Button(text, FontIcon.of(icon));
        button.setId("cad-view-" + view);
        button.setOnAction(event -> {
            if (view.equals("fit")) {
                viewer.fit();
            } else {
                viewer.view(view);
            }
        });
        return button;
    }

    private void show(CadViewModel.Shown part) {
        title.setText(part.name());
        facts.getChildren().setAll(part.facts().stream().map(fact -> {
            Label line = new Label(fact);
            line.setWrapText(true);
            return line;
        }).toList());
        if (part.decimated()) {
            Label preview = new Label("Previewed with fewer triangles; the numbers are the full part's.");
            preview.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            facts.getChildren().add(preview);
        }
        note.setText(part.note().orElse(""));
        note.setVisible(part.note().isPresent());
        note.setManaged(part.note().isPresent());
        fits.getChildren().setAll(fitLines(part.fits()));
        choosePlate(part.fits());
        chooseVersion();
        parameters.show(part.parameters());
        // A button for each printer the part fits: slicing, sending and starting it, asked about first.
        printOn.getChildren().setAll(part.fits().stream().filter(Fit::fits).map(fit -> {
            Button print = new Button("Print on " + fit.printer(), FontIcon.of(Feather.PRINTER));
            print.setId("cad-print-" + fit.printer().replaceAll("[^A-Za-z0-9]+", "-"));
            print.setOnAction(event -> model.print(fit.printer()));
            return print;
        }).toList());
        viewer.show(part.preview().orElse(null));
    }

    /** Shows the version on screen as the one chosen, once both the part and its versions are known. */
    private void chooseVersion() {
        CadViewModel.Shown part = model.shown().get();
        choosing = true;
        versions.setValue(part == null ? null : model.versions().stream().filter(version -> version.id().equals(part.version())).findFirst()
                .orElse(null));
        choosing = false;
        versions.setVisible(model.versions().size() > 1);
        versions.setManaged(model.versions().size() > 1);
    }

    /** The plates to choose from: the same printer's as before when it is there, else the first the part fits, else the first known. */
    private void choosePlate(List<Fit> fits) {
        String before = plateOf.getValue() == null ? "" : plateOf.getValue().printer();
        List<Fit> known = fits.stream().filter(fit -> fit.space().isPresent()).toList();
        plateOf.getItems().setAll(known);
        plateOf.setVisible(!known.isEmpty());
        plateOf.setManaged(!known.isEmpty());
        known.stream().filter(fit -> fit.printer().equals(before)).findFirst()
                .or(() -> known.stream().filter(Fit::fits).findFirst()).or(() -> known.stream().findFirst())
                .ifPresent(plateOf.getSelectionModel()::select);
    }

    private static List<Label> fitLines(List<Fit> fits) {
        if (fits.isEmpty()) {
            Label none = new Label("No printers are set up: add one in Settings ▸ Printers to check the part against it.");
            none.setWrapText(true);
            none.getStyleClass().add(Styles.TEXT_MUTED);
            return List.of(none);
        }
        return fits.stream().map(fit -> {
            Label line = new Label(fit.words(), FontIcon.of(fit.fits() ? Feather.CHECK_CIRCLE : fit.verdict() == Fit.Verdict.UNKNOWN
                    ? Feather.HELP_CIRCLE : Feather.X_CIRCLE));
            line.setWrapText(true);
            line.getStyleClass().add(fit.fits() ? Styles.SUCCESS : fit.verdict() == Fit.Verdict.UNKNOWN ? Styles.TEXT_MUTED : Styles.DANGER);
            return line;
        }).toList();
    }
}
