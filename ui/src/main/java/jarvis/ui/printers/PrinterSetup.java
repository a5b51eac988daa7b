package jarvis.ui.printers;

import atlantafx.base.theme.Styles;
import jarvis.devices.printers.PrinterBook;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Settings' printers: each printer with its kind and address and a Remove button, and a form that adds one. */
public final class PrinterSetup extends VBox {

    private final PrinterSetupViewModel model;
    private final VBox rows = new VBox(6);

    public PrinterSetup(PrinterSetupViewModel model) {
        super(10);
        this.model = model;
        setId("printer-setup");
        Label what = new Label("The workshop's printers. The key (OctoPrint's API key, Moonraker's if it asks for one, a Bambu's LAN access "
                + "code) goes to the secret store, never to the settings file.");
        what.getStyleClass().add(Styles.TEXT_MUTED);
        what.setWrapText(true);
        what.setMinWidth(0);
        rows.setId("printer-setup-rows");
        model.printers().addListener((ListChangeListener<PrinterBook.Entry>) change -> showRows());
        Label status = new Label();
        status.setId("printer-setup-status");
        status.setWrapText(true);
        status.setMinWidth(0);
        status.textProperty().bind(model.status());
        getChildren().addAll(what, rows, form(), status);
        showRows();
        model.refresh();
    }

    private void showRows() {
        rows.getChildren().clear();
        if (model.printers().isEmpty()) {
            Label none = new Label("No printers yet.");
            none.getStyleClass().add(Styles.TEXT_MUTED);
            rows.getChildren().add(none);
        }
        for (PrinterBook.Entry entry : model.printers()) {
            Label name = new Label(entry.name());
            name.getStyleClass().add(Styles.TEXT_BOLD);
            Label where = new Label(entry.kind().label() + " · " + entry.url() + entry.serial().map(serial -> " · " + serial).orElse(""));
            where.getStyleClass().add(Styles.TEXT_MUTED);
            where.setMinWidth(0);
            HBox.setHgrow(where, Priority.ALWAYS);
            Button remove = new Button("Remove", FontIcon.of(Feather.TRASH_2));
            remove.getStyleClass().addAll(Styles.SMALL, Styles.DANGER);
            remove.setId("printer-setup-remove-" + entry.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
            remove.setOnAction(e -> model.remove(entry.name()));
            HBox row = new HBox(10, name, where, remove);
            row.setAlignment(Pos.CENTER_LEFT);
            rows.getChildren().add(row);
        }
    }

    private GridPane form() {
        ChoiceBox<PrinterBook.Kind> kind = new ChoiceBox<>();
        kind.setId("printer-setup-kind");
        kind.getItems().setAll(PrinterBook.Kind.values());
        kind.setValue(PrinterBook.Kind.OCTOPRINT);
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(PrinterBook.Kind value) {
                return value == null ? "" : value.label();
            }

            @Override
            public PrinterBook.Kind fromString(String text) {
                return PrinterBook.Kind.parse(text);
            }
        });
        TextField name = field("printer-setup-name", "Voron");
        TextField address = field("printer-setup-address", "http://octopi.local");
        TextField serial = field("printer-setup-serial", "01P00A123456789 (Bambu only)");
        PasswordField key = new PasswordField();
        key.setId("printer-setup-key");
        key.setPromptText("API key or access code");
        kind.valueProperty().addListener((seen, was, now) -> {
            serial.setDisable(now != PrinterBook.Kind.BAMBU);
            address.setPromptText(switch (now) {
                case OCTOPRINT -> "http://octopi.local";
                case MOONRAKER -> "http://voron.local:7125";
                case BAMBU -> "192.168.1.40";
            });
        });
        serial.setDisable(true);
        Button add = new Button("Add printer", FontIcon.of(Feather.PLUS));
        add.setId("printer-setup-add");
        add.setDefaultButton(false);
        add.setOnAction(e -> model.add(kind.getValue(), name.getText(), address.getText(), serial.getText(), key.getText())
                .thenAccept(added -> {
                    if (added) {
                        name.clear();
                        address.clear();
                        serial.clear();
                        key.clear();
                    }
                }));
        GridPane grid = new GridPane(10, 8);
        grid.addRow(0, new Label("Kind"), kind, new Label("Name"), name);
        grid.addRow(1, new Label("Address"), address, new Label("Serial"), serial);
        grid.addRow(2, new Label("Key"), key, new Label(), add);
        return grid;
    }

    private static TextField field(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        return field;
    }
}
