package jarvis.ui.home;

import jarvis.devices.home.SensorHistory;
import java.util.List;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** A sensor's readings over the last hours as a small line, with nothing drawn until there are two readings. */
final class Sparkline extends Canvas {

    static final double WIDTH = 120;
    static final double HEIGHT = 24;

    Sparkline() {
        super(WIDTH, HEIGHT);
        getStyleClass().add("sparkline");
    }

    void draw(List<SensorHistory.Reading> readings, Color colour) {
        GraphicsContext graphics = getGraphicsContext2D();
        graphics.clearRect(0, 0, WIDTH, HEIGHT);
        if (readings.size() < 2) {
            return;
        }
        double low = readings.stream().mapToDouble(SensorHistory.Reading::value).min().orElse(0);
        double high = readings.stream().mapToDouble(SensorHistory.Reading::value).max().orElse(1);
        double span = high - low < 1e-9 ? 1 : high - low;
        long first = readings.getFirst().at().toEpochMilli();
        long last = readings.getLast().at().toEpochMilli();
        double duration = Math.max(1, last - first);
        graphics.setStroke(colour);
        graphics.setLineWidth(1.5);
        graphics.beginPath();
        for (int i = 0; i < readings.size(); i++) {
            SensorHistory.Reading reading = readings.get(i);
            double x = 1 + (reading.at().toEpochMilli() - first) / duration * (WIDTH - 2);
            double y = HEIGHT - 2 - (reading.value() - low) / span * (HEIGHT - 4);
            if (i == 0) {
                graphics.moveTo(x, y);
            } else {
                graphics.lineTo(x, y);
            }
        }
        graphics.stroke();
    }
}
