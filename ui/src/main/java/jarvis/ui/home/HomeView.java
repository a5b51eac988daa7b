package jarvis.ui.home;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Home area: the house grouped by area and kind, searchable and filtered, favourites on top, each entity with
 * its control; the sources' connections at the top, the last action and its Undo at the bottom.
 */
public final class HomeView extends BorderPane {

    public HomeView(HomeViewModel model) {
        setId("home-view");

        TextField search = new TextField();
        search.setId("home-search");
        search.setPromptText("Search devices");
        search.textProperty().bindBidirectional(model.search());
        HBox.setHgrow(search, Priority.ALWAYS);
        search.setMaxWidth(360);
        ComboBox<String> kinds = new ComboBox<>(model.domains());
        kinds.setId("home-domain");
        kinds.valueProperty().bindBidirectional(model.domain());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label sources = new Label();
        sources.setId("home-sources");
        sources.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        HBox top = new HBox(8, search, kinds, spacer, sources);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(10, 12, 10, 12));
        setTop(top);

        ListView<HomeRow> list = new ListView<>(model.rows());
        list.setId("home-list");
        list.setCellFactory(view -> new HomeCell(model));
        list.setPlaceholder(new Label("No devices yet. Set up Home Assistant (homeassistant.url and its token) or an MQTT broker "
                + "(mqtt.url) in Settings; devices appear here as they are found."));
        list.getStyleClass().add(Styles.DENSE);
        setCenter(list);

        Label status = new Label();
        status.setId("home-status");
        status.textProperty().bind(model.status());
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        Button undo = new Button("Undo", FontIcon.of(Feather.ROTATE_CCW));
        undo.setId("home-undo");
        undo.visibleProperty().bind(Bindings.createBooleanBinding(() -> model.undoable().get().isPresent(), model.undoable()));
        undo.managedProperty().bind(undo.visibleProperty());
        undo.setOnAction(e -> model.undo());
        HBox bottom = new HBox(8, status, undo);
        bottom.setAlignment(Pos.CENTER_LEFT);
        bottom.setPadding(new Insets(6, 12, 6, 12));
        setBottom(bottom);

        sources.textProperty().bind(model.sources());
    }
}
