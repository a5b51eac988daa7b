package jarvis.ui.printers;

import jarvis.devices.printers.PrinterWatch;
import java.util.List;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Each heater's temperature over the last hour, one line per heater on a shared scale (nozzle orange, bed blue,
 * chamber green), with the scale's top and bottom written at the left; nothing is drawn until a heater has two samples.
 */
final class TemperatureChart extends Canvas {

    private static final Map<String, Color> COLOURS = Map.of("tool0", Color.web("#f08c00"), "tool1", Color.web("#e8590c"),
            "bed", Color.web("#1c7ed6"), "chamber", Color.web("#2f9e44"));
    private static final double LABELS = 34;

    TemperatureChart(double width, double height) {
        super(width, height);
        getStyleClass().add("temperature-chart");
    }

    void draw(Map<String, List<PrinterWatch.Sample>> history) {
        GraphicsContext graphics = getGraphicsContext2D();
        double width = getWidth();
        double height = getHeight();
        graphics.clearRect(0, 0, width, height);
        List<List<PrinterWatch.Sample>> drawn = history.values().stream().filter(samples -> samples.size() >= 2).toList();
        if (drawn.isEmpty()) {
            return;
        }
        double low = drawn.stream().flatMap(List::stream).mapToDouble(PrinterWatch.Sample::celsius).min().orElse(0);
        double high = drawn.stream().flatMap(List::stream).mapToDouble(PrinterWatch.Sample::celsius).max().orElse(1);
        low = Math.floor(low / 10) * 10;
        high = Math.max(low + 10, Math.ceil(high / 10) * 10);
        long first = drawn.stream().mapToLong(samples -> samples.getFirst().at().toEpochMilli()).min().orElse(0);
        long last = drawn.stream().mapToLong(samples -> samples.getLast().at().toEpochMilli()).max().orElse(1);
        double duration = Math.max(1, last - first);
        graphics.setFill(Color.GRAY);
        graphics.setFont(Font.font(9));
        graphics.setTextAlign(TextAlignment.RIGHT);
        graphics.setTextBaseline(VPos.TOP);
        graphics.fillText(Math.round(high) + " °C", LABELS - 4, 0);
        graphics.setTextBaseline(VPos.BOTTOM);
        graphics.fillText(Math.round(low) + " °C", LABELS - 4, height);
        for (Map.Entry<String, List<PrinterWatch.Sample>> heater : history.entrySet()) {
            List<PrinterWatch.Sample> samples = heater.getValue();
            if (samples.size() < 2) {
                continue;
            }
            graphics.setStroke(COLOURS.getOrDefault(heater.getKey(), Color.GRAY));
            graphics.setLineWidth(1.5);
            graphics.beginPath();
            // An hour at one reading every two seconds is 1,800 samples for 300-odd pixels: about one a pixel is enough.
            int step = Math.max(1, (int) (samples.size() / (width - LABELS)));
            for (int i = 0; i < samples.size(); i += step) {
                // The newest sample is always drawn, wherever the stepping lands.
                PrinterWatch.Sample sample = samples.get(i + step >= samples.size() ? samples.size() - 1 : i);
                double x = LABELS + (sample.at().toEpochMilli() - first) / duration * (width - LABELS - 1);
                double y = height - 1 - (sample.celsius() - low) / (high - low) * (height - 2);
                if (i == 0) {
                    graphics.moveTo(x, y);
                } else {
                    graphics.lineTo(x, y);
                }
            }
            graphics.stroke();
        }
    }
}
