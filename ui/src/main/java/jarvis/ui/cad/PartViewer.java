package jarvis.ui.cad;

import jarvis.cad.mesh.Mesh;
import jarvis.cad.mesh.MeshAnalysis;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.Box;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.TriangleMesh;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Translate;

/**
 * A part in 3D on a printer's build plate: drag to orbit, drag with the secondary button to pan, scroll to zoom; fit
 * and the standard views from the toolbar. The part stands on the plate (its lowest point at the plate's surface) in
 * the plate's middle. CAD's z points up; JavaFX's y points down, so a part's (x, y, z) is drawn at (x, −z, y).
 */
final class PartViewer extends Pane {

    private static final double GRID = 10;

    private final Group world = new Group();
    private final Group plate = new Group();
    private final MeshView part = new MeshView();
    private final PerspectiveCamera camera = new PerspectiveCamera(true);
    private final Rotate yaw = new Rotate(-30, Rotate.Y_AXIS);
    private final Rotate pitch = new Rotate(-25, Rotate.X_AXIS);
    private final Translate pivot = new Translate();
    private final Translate distance = new Translate(0, 0, -400);
    private final SubScene scene;
    private double size = 100;
    private double pressedX;
    private double pressedY;

    PartViewer() {
        getStyleClass().add("part-viewer");
        part.setMaterial(new PhongMaterial(Color.web("#4c8bf5")));
        part.setCullFace(CullFace.NONE);
        part.setId("cad-part-mesh");
        AmbientLight ambient = new AmbientLight(Color.gray(0.45));
        PointLight key = new PointLight(Color.gray(0.75));
        key.getTransforms().add(new Translate(-300, -600, -400));
        world.getChildren().addAll(plate, part, ambient, key);
        camera.setNearClip(0.5);
        camera.setFarClip(20_000);
        camera.setFieldOfView(35);
        camera.getTransforms().addAll(pivot, yaw, pitch, distance);
        scene = new SubScene(world, 400, 300, true, SceneAntialiasing.BALANCED);
        scene.setFill(Color.web("#f1f3f5"));
        scene.setCamera(camera);
        scene.widthProperty().bind(widthProperty());
        scene.heightProperty().bind(heightProperty());
        getChildren().add(scene);
        setMinSize(200, 150);
        plate(220, 220);
        controls();
    }

    private void controls() {
        scene.setOnMousePressed(event -> {
            pressedX = event.getSceneX();
            pressedY = event.getSceneY();
        });
        scene.setOnMouseDragged(event -> {
            double dx = event.getSceneX() - pressedX;
            double dy = event.getSceneY() - pressedY;
            pressedX = event.getSceneX();
            pressedY = event.getSceneY();
            if (event.getButton() == MouseButton.SECONDARY || event.isShiftDown()) {
                double scale = -distance.getZ() / 800;
                pivot.setX(pivot.getX() - dx * scale);
                pivot.setY(pivot.getY() - dy * scale);
            } else {
                yaw.setAngle(yaw.getAngle() + dx * 0.4);
                pitch.setAngle(Math.max(-89, Math.min(89, pitch.getAngle() - dy * 0.4)));
            }
        });
        scene.setOnScroll(event -> distance.setZ(Math.min(-size * 0.2, Math.max(-size * 20, distance.getZ() * Math.pow(1.002, -event.getDeltaY())))));
    }

    /** A part ready to be shown: its JavaFX mesh, standing on the plate's middle, and its largest side in mm. */
    record Preview(TriangleMesh shape, double size) {}

    /**
     * Turns a mesh into what the view draws, off the UI thread (a large part's arrays take a while): centred over the
     * plate, its lowest point on it, flat-shaded.
     */
    static Preview preview(Mesh mesh) {
        MeshAnalysis box = MeshAnalysis.bounds(mesh);
        double mm = mesh.units().millimetres();
        float[] v = mesh.vertices();
        float[] points = new float[v.length];
        double cx = (box.minX() + box.maxX()) / 2;
        double cy = (box.minY() + box.maxY()) / 2;
        for (int i = 0; i < v.length; i += 3) {
            points[i] = (float) ((v[i] - cx) * mm);
            points[i + 1] = (float) (-(v[i + 2] - box.minZ()) * mm);
            points[i + 2] = (float) ((v[i + 1] - cy) * mm);
        }
        int[] t = mesh.triangles();
        int[] faces = new int[2 * t.length];
        for (int i = 0; i < t.length; i++) {
            faces[2 * i] = t[i];
        }
        TriangleMesh shape = new TriangleMesh();
        shape.getPoints().setAll(points);
        shape.getTexCoords().setAll(0, 0);
        shape.getFaces().setAll(faces);
        // Flat shading: a part's faces and edges read as they are, where smoothing rounds a box's corners.
        shape.getFaceSmoothingGroups().setAll(new int[mesh.triangleCount()]);
        return new Preview(shape, Math.max(box.sizeX(), Math.max(box.sizeY(), box.sizeZ())) * mm);
    }

    /** Shows a part; none clears the view. */
    void show(Preview preview) {
        if (preview == null) {
            part.setMesh(null);
            return;
        }
        part.setMesh(preview.shape());
        size = preview.size();
        fit();
    }

    /** Draws a build plate of this size with a 10 mm grid, centred under the part. */
    void plate(double width, double depth) {
        plate.getChildren().clear();
        Box bed = new Box(width, 2, depth);
        bed.setTranslateY(1);
        bed.setMaterial(new PhongMaterial(Color.web("#ced4da")));
        plate.getChildren().add(bed);
        PhongMaterial line = new PhongMaterial(Color.web("#868e96"));
        for (double x = -width / 2; x <= width / 2 + 0.01; x += GRID) {
            Box stripe = new Box(0.3, 0.1, depth);
            stripe.setTranslateX(x);
            stripe.setMaterial(line);
            plate.getChildren().add(stripe);
        }
        for (double z = -depth / 2; z <= depth / 2 + 0.01; z += GRID) {
            Box stripe = new Box(width, 0.1, 0.3);
            stripe.setTranslateZ(z);
            stripe.setMaterial(line);
            plate.getChildren().add(stripe);
        }
    }

    /** Frames the part (and so much of the plate) whatever the view. */
    void fit() {
        pivot.setX(0);
        pivot.setY(-size / 3);
        pivot.setZ(0);
        distance.setZ(-Math.max(60, size * 2.6));
    }

    /** A standard view: front, top, right or iso. */
    void view(String which) {
        switch (which) {
            case "front" -> angles(0, 0);
            case "top" -> angles(0, -89);
            case "right" -> angles(-90, 0);
            default -> angles(-30, -25);
        }
        fit();
    }

    private void angles(double y, double x) {
        yaw.setAngle(y);
        pitch.setAngle(x);
    }

    boolean showsPart() {
        return part.getMesh() != null;
    }
}
