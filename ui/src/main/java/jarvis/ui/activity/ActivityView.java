package jarvis.ui.activity;

import atlantafx.base.theme.Styles;
import jarvis.orchestrator.events.Event;
import jarvis.orchestrator.jobs.JobRecord;
import jarvis.orchestrator.jobs.JobState;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Activity area: jobs with progress, cancel and retry above; the live event list below. */
public final class ActivityView extends BorderPane {

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
        Label message = new Label();
        message.textProperty().bind(model.message());
        message.getStyleClass().add(Styles.WARNING);
        HBox toolbar = new HBox(12, title, filter, topic, verify);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        setTop(new VBox(8, toolbar, message));
        BorderPane.setMargin(getTop(), new Insets(0, 0, 12, 0));

        SplitPane split = new SplitPane(section("Jobs", jobsTable(model)), section("Events", eventsTable(model)));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.4);
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

    private static TableView<JobRecord> jobsTable(ActivityViewModel model) {
        TableView<JobRecord> table = new TableView<>(model.jobs());
        table.setId("jobs-table");
        table.setPlaceholder(new Label("No jobs yet. Long work (slicing, uploads, exports) shows here."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<JobRecord, JobRecord> progress = new TableColumn<>("Progress");
        progress.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
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
        TableColumn<JobRecord, JobRecord> actions = new TableColumn<>("");
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
        table.getColumns().add(column("Tries", job -> Integer.toString(job.attempts()), 50));
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
        return table;
    }

    private static <T> TableColumn<T, String> column(String name, Function<T, String> value, double width) {
        TableColumn<T, String> column = new TableColumn<>(name);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
