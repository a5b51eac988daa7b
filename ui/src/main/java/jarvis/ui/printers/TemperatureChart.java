package jarvis.ui.printers;

import atlantafx.base.theme.Styles;
import jarvis.devices.printers.PrinterWatch;
import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;

/**
 * Each heater's temperature over the last hour, one line per heater on a shared scale (nozzle orange, bed blue,
 * chamber green), with the scale's top and bottom written at the left; nothing is drawn until a heater has two samples.
 *
 * <p>The lines are drawn by Java2D into an image, not on a canvas: ten tiles redrawn every two seconds cost the
 * renderer a blit each, where a canvas's antialiased paths were rasterized again at every reading (about 30 ms a frame
 * in the software pipeline, all of it waited for by the UI thread).
 */
final class TemperatureChart extends StackPane {

    private static final Map<String, Integer> COLOURS = Map.of("tool0", 0xfff08c00, "tool1", 0xffe8590c, "bed", 0xff1c7ed6,
            "chamber", 0xff2f9e44);
    private static final int GREY = 0xff868e96;
    private static final int LABELS = 34;

    private final int width;
    private final int height;
    private final BufferedImage canvas;
    private final int[] pixels;
    private final WritableImage image;
    private final Label top = new Label();
    private final Label bottom = new Label();

    TemperatureChart(double width, double height) {
        this.width = (int) width;
        this.height = (int) height;
        canvas = new BufferedImage(this.width, this.height, BufferedImage.TYPE_INT_ARGB_PRE);
        pixels = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
        image = new WritableImage(this.width, this.height);
        getStyleClass().add("temperature-chart");
        setMinSize(width, height);
        setPrefSize(width, height);
        setMaxSize(width, height);
        for (Label label : List.of(top, bottom)) {
            label.getStyleClass().addAll(Styles.TEXT_MUTED);
            label.setStyle("-fx-font-size: 9px;");
            label.setMinWidth(LABELS - 4);
            label.setMaxWidth(LABELS - 4);
            label.setAlignment(Pos.CENTER_RIGHT);
        }
        StackPane.setAlignment(top, Pos.TOP_LEFT);
        StackPane.setAlignment(bottom, Pos.BOTTOM_LEFT);
        getChildren().addAll(new ImageView(image), top, bottom);
    }

    /** The scale's top and bottom as written at the left, e.g. "220 °C" and "20 °C"; empty while nothing is drawn. */
    List<String> scale() {
        return List.of(top.getText(), bottom.getText());
    }

    /** The drawn picture, for a look at what it shows. */
    WritableImage image() {
        return image;
    }

    void draw(Map<String, List<PrinterWatch.Sample>> history) {
        Arrays.fill(pixels, 0);
        List<List<PrinterWatch.Sample>> drawn = history.values().stream().filter(samples -> samples.size() >= 2).toList();
        if (drawn.isEmpty()) {
            top.setText("");
            bottom.setText("");
            show();
            return;
        }
        double low = drawn.stream().flatMap(List::stream).mapToDouble(PrinterWatch.Sample::celsius).min().orElse(0);
        double high = drawn.stream().flatMap(List::stream).mapToDouble(PrinterWatch.Sample::celsius).max().orElse(1);
        low = Math.floor(low / 10) * 10;
        high = Math.max(low + 10, Math.ceil(high / 10) * 10);
        top.setText(Math.round(high) + " °C");
        bottom.setText(Math.round(low) + " °C");
        long first = drawn.stream().mapToLong(samples -> samples.getFirst().at().toEpochMilli()).min().orElse(0);
        long last = drawn.stream().mapToLong(samples -> samples.getLast().at().toEpochMilli()).max().orElse(1);
        double duration = Math.max(1, last - first);
        Graphics2D graphics = canvas.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            graphics.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            for (Map.Entry<String, List<PrinterWatch.Sample>> heater : history.entrySet()) {
                List<PrinterWatch.Sample> samples = heater.getValue();
                if (samples.size() < 2) {
                    continue;
                }
                graphics.setColor(new java.awt.Color(COLOURS.getOrDefault(heater.getKey(), GREY), true));
                Path2D.Double line = new Path2D.Double();
                // An hour at one reading every two seconds is 1,800 samples for 300-odd pixels: about one a pixel is enough.
                int step = Math.max(1, samples.size() / Math.max(1, width - LABELS));
                for (int i = 0; i < samples.size(); i += step) {
                    // The newest sample is always drawn, wherever the stepping lands.
                    PrinterWatch.Sample sample = samples.get(i + step >= samples.size() ? samples.size() - 1 : i);
                    double x = LABELS + (sample.at().toEpochMilli() - first) / duration * (width - LABELS - 1);
                    double y = height - 1 - (sample.celsius() - low) / (high - low) * (height - 2);
                    if (i == 0) {
                        line.moveTo(x, y);
                    } else {
                        line.lineTo(x, y);
                    }
                }
                graphics.draw(line);
            }
        } finally {
            graphics.dispose();
        }
        show();
    }

    private void show() {
        image.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbPreInstance(), pixels, 0, width);
    }
}
