package jarvis.ui.cad;

import jarvis.cad.mesh.Mesh;
import jarvis.cad.mesh.MeshAnalysis;
import java.util.BitSet;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.Box;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.Cylinder;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.ObservableFaceArray;
import javafx.scene.shape.Shape3D;
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
    /** How wide a grid line is, in mm. */
    private static final double LINE = 0.3;

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
    private Preview shown;
    private boolean overhangsShown;
    private double pressedX;
    private double pressedY;

    PartViewer() {
        getStyleClass().add("part-viewer");
        PhongMaterial paint = new PhongMaterial(Color.WHITE);
        WritableImage colours = new WritableImage(2, 1);
        colours.getPixelWriter().setColor(0, 0, Color.web("#4c8bf5"));
        colours.getPixelWriter().setColor(1, 0, Color.web("#f08c00"));
        paint.setDiffuseMap(colours);
        part.setMaterial(paint);
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
        plate(220, 220, false);
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

    /**
     * A part ready to be shown: its JavaFX mesh, standing on the plate's middle, its largest side in mm, and which of
     * its faces overhang (face i is bit i).
     */
    record Preview(TriangleMesh shape, double size, BitSet overhangs) {

        /** How many faces overhang. */
        int overhanging() {
            return overhangs.cardinality();
        }
    }

    /** A face that leans out more than this from the vertical needs support (the slicers' default is 45° too). */
    static final double OVERHANG_DEGREES = 45;
    /** The texture's two colours: the part's blue, and the overhangs' orange, at these u coordinates. */
    private static final float PLAIN = 0.25f;
    private static final float OVERHANG = 0.75f;

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
        shape.getTexCoords().setAll(PLAIN, 0.5f, OVERHANG, 0.5f);
        shape.getFaces().setAll(faces);
        // Flat shading: a part's faces and edges read as they are, where smoothing rounds a box's corners.
        shape.getFaceSmoothingGroups().setAll(new int[mesh.triangleCount()]);
        return new Preview(shape, Math.max(box.sizeX(), Math.max(box.sizeY(), box.sizeZ())) * mm, overhangs(mesh, box.minZ()));
    }

    /**
     * The faces that face down more steeply than {@link #OVERHANG_DEGREES} from the vertical, those lying on the plate
     * aside (the bed holds them up).
     */
    static BitSet overhangs(Mesh mesh, double floor) {
        float[] v = mesh.vertices();
        int[] t = mesh.triangles();
        double limit = -Math.cos(Math.toRadians(OVERHANG_DEGREES));
        double onBed = 0.05 / mesh.units().millimetres();
        BitSet overhangs = new BitSet(mesh.triangleCount());
        for (int face = 0; face < mesh.triangleCount(); face++) {
            int a = 3 * t[3 * face];
            int b = 3 * t[3 * face + 1];
            int c = 3 * t[3 * face + 2];
            double ux = v[b] - v[a];
            double uy = v[b + 1] - v[a + 1];
            double uz = v[b + 2] - v[a + 2];
            double wx = v[c] - v[a];
            double wy = v[c + 1] - v[a + 1];
            double wz = v[c + 2] - v[a + 2];
            double nx = uy * wz - uz * wy;
            double ny = uz * wx - ux * wz;
            double nz = ux * wy - uy * wx;
            double length = Math.sqrt(nx * nx + ny * ny + nz * nz);
            double highest = Math.max(v[a + 2], Math.max(v[b + 2], v[c + 2]));
            if (length > 0 && nz / length < limit && highest > floor + onBed) {
                overhangs.set(face);
            }
        }
        return overhangs;
    }

    /** Shows a part; none clears the view. */
    void show(Preview preview) {
        if (preview == null) {
            part.setMesh(null);
            return;
        }
        part.setMesh(preview.shape());
        shown = preview;
        size = preview.size();
        shade(overhangsShown);
        fit();
    }

    /** Shows the overhanging faces in orange, or every face in the part's blue. */
    void overhangs(boolean on) {
        overhangsShown = on;
        if (shown != null) {
            shade(on);
        }
    }

    private void shade(boolean on) {
        ObservableFaceArray faces = shown.shape().getFaces();
        int[] all = faces.toArray(null);
        for (int face = 0; face < all.length / 6; face++) {
            int texture = on && shown.overhangs().get(face) ? 1 : 0;
            all[6 * face + 1] = texture;
            all[6 * face + 3] = texture;
            all[6 * face + 5] = texture;
        }
        faces.setAll(all);
    }

    /** Draws a build plate of this size with a 10 mm grid, centred under the part; a round one (a delta's) is {@code width} across. */
    void plate(double width, double depth, boolean round) {
        plate.getChildren().clear();
        Shape3D bed = round ? new Cylinder(width / 2, 2, 96) : new Box(width, 2, depth);
        bed.setTranslateY(1);
        bed.setMaterial(new PhongMaterial(Color.web("#ced4da")));
        bed.setId("cad-plate");
        plate.getChildren().add(bed);
        double across = round ? width : depth;
        // The grid's lines as thin quads in one mesh: one node, however large the plate.
        TriangleMesh lines = new TriangleMesh();
        lines.getTexCoords().addAll(0, 0);
        for (double x = -width / 2; x <= width / 2 + 0.01; x += GRID) {
            double half = round ? Math.sqrt(Math.max(0, width * width / 4 - x * x)) : across / 2;
            quad(lines, x - LINE / 2, -half, x + LINE / 2, half);
        }
        for (double z = -across / 2; z <= across / 2 + 0.01; z += GRID) {
            double half = round ? Math.sqrt(Math.max(0, width * width / 4 - z * z)) : width / 2;
            quad(lines, -half, z - LINE / 2, half, z + LINE / 2);
        }
        MeshView grid = new MeshView(lines);
        grid.setMaterial(new PhongMaterial(Color.web("#868e96")));
        grid.setCullFace(CullFace.NONE);
        grid.setId("cad-plate-grid");
        plate.getChildren().add(grid);
    }

    /** A flat quad from (x0, z0) to (x1, z1) just above the plate's surface, added to {@code mesh}. */
    private static void quad(TriangleMesh mesh, double x0, double z0, double x1, double z1) {
        int first = mesh.getPoints().size() / 3;
        float y = -0.05f;
        mesh.getPoints().addAll((float) x0, y, (float) z0, (float) x1, y, (float) z0, (float) x1, y, (float) z1, (float) x0, y, (float) z1);
        mesh.getFaces().addAll(first, 0, first + 1, 0, first + 2, 0, first, 0, first + 2, 0, first + 3, 0);
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
