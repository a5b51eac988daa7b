package jarvis.ui.activity;

import atlantafx.base.theme.Styles;
import jarvis.orchestrator.events.Event;
import jarvis.orchestrator.jobs.JobRecord;
import jarvis.orchestrator.jobs.JobState;
import jarvis.orchestrator.tools.AuditEntry;
import jarvis.ui.fx.Hints;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Activity area: jobs with progress, cancel and retry above; the live event list below. */
public final class ActivityView extends BorderPane {

    /** A column header's padding and sort arrow, beside its text. */
    private static final double HEADER_PADDING = 28;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    public ActivityView(ActivityViewModel model, String verifyJobType) {
        setId("activity-view");
        setPadding(new Insets(16));

        Label title = new Label("Activity");
        title.getStyleClass().add(Styles.TITLE_2);
        TextField filter = new TextField();
        filter.setId("activity-filter");
        filter.setPromptText("Filter by text or correlation id");
        filter.textProperty().bindBidirectional(model.filter());
        HBox.setHgrow(filter, Priority.ALWAYS);
        ComboBox<String> topic = new ComboBox<>(model.topics());
        topic.setId("activity-topic");
        topic.valueProperty().bindBidirectional(model.topic());
        Button verify = new Button("Verify artifacts", FontIcon.of(Feather.CHECK_SQUARE));
        verify.setId("verify-artifacts");
        verify.setOnAction(e -> model.start(verifyJobType, "Verify artifacts"));
        verify.setMinWidth(Region.USE_PREF_SIZE);
        title.setMinWidth(Region.USE_PREF_SIZE);
        filter.setMinWidth(120);
        Label message = new Label();
        message.textProperty().bind(model.message());
        message.getStyleClass().add(Styles.WARNING);
        message.setWrapText(true);
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        HBox toolbar = new HBox(12, title, filter, topic, verify);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        setTop(new VBox(8, toolbar, message));
        BorderPane.setMargin(getTop(), new Insets(0, 0, 12, 0));

        SplitPane split = new SplitPane(section("Jobs", jobsTable(model)), section("Actions", actionsTable(model)),
                section("Events", eventsTable(model)));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.3, 0.6);
        setCenter(split);
    }

    private static VBox section(String name, TableView<?> table) {
        Label heading = new Label(name);
        heading.getStyleClass().add(Styles.TITLE_4);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(6, heading, table);
        box.setPadding(new Insets(6, 0, 6, 0));
        return box;
    }

    /** The audit log: who asked, what, how it was confirmed, what came of it. */
    private static TableView<AuditEntry> actionsTable(ActivityViewModel model) {
        TableView<AuditEntry> table = new TableView<>(model.actions());
        table.setId("actions-table");
        Label none = new Label("No actions in the last day. Device commands and tool calls show here.");
        none.setWrapText(true);
        table.setPlaceholder(none);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Time", entry -> TIME.format(entry.at()), 80));
        table.getColumns().add(column("Request", AuditEntry::request, 200));
        table.getColumns().add(column("By", AuditEntry::requestedBy, 160));
        table.getColumns().add(column("Hazard", entry -> entry.hazard().name().toLowerCase(), 70));
        table.getColumns().add(column("Confirmation", entry -> entry.confirmation().name().toLowerCase().replace('_', ' ')
                + (entry.confirmedBy() == null ? "" : " by " + entry.confirmedBy()), 160));
        table.getColumns().add(column("Result", AuditEntry::result, 300));
        return table;
    }

    private static TableView<JobRecord> jobsTable(ActivityViewModel model) {
        TableView<JobRecord> table = new TableView<>(model.jobs());
        table.setId("jobs-table");
        table.setPlaceholder(new Label("No jobs yet. Long work (slicing, uploads, exports) shows here."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<JobRecord, JobRecord> progress = new TableColumn<>("Progress");
        progress.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        progress.setMinWidth(headerWidth("Progress"));
        progress.setCellFactory(column -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();
            @Override protected void updateItem(JobRecord job, boolean empty) {
                super.updateItem(job, empty);
                if (empty || job == null) {
                    setGraphic(null);
                    return;
                }
                bar.setProgress(job.state() == JobState.QUEUED ? ProgressBar.INDETERMINATE_PROGRESS : job.progress());
                bar.setMaxWidth(Double.MAX_VALUE);
                setGraphic(bar);
            }
        });
        TableColumn<JobRecord, JobRecord> actions = new TableColumn<>("Action");
        actions.setMinWidth(headerWidth("Action"));
        actions.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        actions.setCellFactory(column -> new TableCell<>() {
            private final Button cancel = new Button("Cancel", FontIcon.of(Feather.X_CIRCLE));
            private final Button retry = new Button("Retry", FontIcon.of(Feather.ROTATE_CW));
            { cancel.getStyleClass().add(Styles.SMALL); retry.getStyleClass().add(Styles.SMALL); }
            @Override protected void updateItem(JobRecord job, boolean empty) {
                super.updateItem(job, empty);
                if (empty || job == null) {
                    setGraphic(null);
                    return;
                }
                cancel.setOnAction(e -> model.cancel(job));
                retry.setOnAction(e -> model.retry(job));
                setGraphic(job.state().canRetry() ? retry : job.state().isFinished() ? null : cancel);
            }
        });
        actions.setPrefWidth(110);
        table.getColumns().add(column("Job", JobRecord::title, 220));
        table.getColumns().add(column("State", job -> job.state().name().toLowerCase().replace('_', ' '), 100));
        table.getColumns().add(progress);
        table.getColumns().add(column("Tries", job -> Integer.toString(model.tries(job)), 50));
        table.getColumns().add(column("Started", job -> TIME.format(job.createdAt()), 80));
        table.getColumns().add(column("Id", job -> job.correlationId().value(), 110));
        table.getColumns().add(actions);
        table.getColumns().add(column("Message", JobRecord::message, 300));
        return table;
    }

    private static TableView<Event> eventsTable(ActivityViewModel model) {
        TableView<Event> table = new TableView<>(model.events());
        table.setId("events-table");
        table.setPlaceholder(new StackPane(new Label("Nothing has happened yet.")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Time", event -> TIME.format(event.at()), 80));
        table.getColumns().add(column("Topic", Event::topic, 90));
        table.getColumns().add(column("Id", event -> event.correlationId().value(), 110));
        table.getColumns().add(column("What happened", Event::summary, 600));
        keepNewestInView(table);
        return table;
    }

    /**
     * New events arrive at the top. Looking at the top, the person sees them come; scrolled down to read older ones,
     * what they read stays where it is instead of sliding away under each arrival.
     */
    private static void keepNewestInView(TableView<Event> table) {
        table.getItems().addListener((ListChangeListener<Event>) change -> {
            int addedOnTop = 0;
            while (change.next()) {
                if (change.wasAdded() && change.getFrom() == 0 && !change.wasReplaced()) {
                    addedOnTop += change.getAddedSize();
                }
            }
            if (addedOnTop > 0 && table.lookup(".virtual-flow") instanceof VirtualFlow<?> flow && flow.getFirstVisibleCell() != null) {
                int first = flow.getFirstVisibleCell().getIndex();
                if (first > 0) {
                    flow.scrollToTop(first + addedOnTop);
                }
            }
        });
    }

    private static <T> TableColumn<T, String> column(String name, Function<T, String> value, double width) {
        TableColumn<T, String> column = new TableColumn<>(name);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new WholeOnHover<>());
        column.setPrefWidth(width);
        column.setMinWidth(headerWidth(name));
        return column;
    }

    /** A cell whose text, shortened when the column is narrow, shows whole on hover. */
    private static final class WholeOnHover<T> extends TableCell<T, String> {
        private final Tooltip whole = Hints.tooltip("");

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? null : text);
            whole.setText(text == null ? "" : text);
            setTooltip(empty || text == null || text.isEmpty() ? null : whole);
        }
    }

    /** The width a column needs for its header to show whole, whatever the window's width. */
    private static double headerWidth(String name) {
        Text measure = new Text(name);
        measure.setStyle("-fx-font-weight: bold;");
        new Scene(new Group(measure)).getRoot().applyCss();
        return Math.ceil(measure.getLayoutBounds().getWidth()) + HEADER_PADDING;
    }
}
