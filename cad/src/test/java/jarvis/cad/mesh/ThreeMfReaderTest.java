package jarvis.cad.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * 3MF packages shaped as the slicers write them: the model found through {@code _rels/.rels}, units, build items and
 * components under transforms, a mirroring item, a Bambu Studio project whose objects live in other model parts; and
 * the damaged ones, each said by what is wrong.
 */
class ThreeMfReaderTest {

    private static final String RELS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
             <Relationship Target="/%s" Id="rel-1" Type="http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel"/>
            </Relationships>
            """;

    /** A 10 mm cube as a 3MF object: eight vertices, twelve triangles counter-clockwise from outside. */
    private static String cube(int id) {
        StringBuilder xml = new StringBuilder("<object id=\"" + id + "\" type=\"model\"><mesh><vertices>");
        int[][] corners = {{0, 0, 0}, {10, 0, 0}, {10, 10, 0}, {0, 10, 0}, {0, 0, 10}, {10, 0, 10}, {10, 10, 10}, {0, 10, 10}};
        for (int[] c : corners) {
            xml.append("<vertex x=\"").append(c[0]).append("\" y=\"").append(c[1]).append("\" z=\"").append(c[2]).append("\"/>");
        }
        xml.append("</vertices><triangles>");
        int[][] faces = {{0, 3, 2, 1}, {4, 5, 6, 7}, {0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}};
        for (int[] f : faces) {
            xml.append(triangle(f[0], f[1], f[2])).append(triangle(f[0], f[2], f[3]));
        }
        return xml.append("</triangles></mesh></object>").toString();
    }

    private static String triangle(int a, int b, int c) {
        return "<triangle v1=\"" + a + "\" v2=\"" + b + "\" v3=\"" + c + "\"/>";
    }

    private static String model(String unit, String resources, String build) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<model unit=\"" + unit + "\" xml:lang=\"en-US\" "
                + "xmlns=\"http://schemas.microsoft.com/3dmanufacturing/core/2015/02\" "
                + "xmlns:p=\"http://schemas.microsoft.com/3dmanufacturing/production/2015/06\" requiredextensions=\"p\">\n"
                + "<metadata name=\"Application\">Jarvis test</metadata>\n<resources>" + resources + "</resources>\n<build>" + build
                + "</build>\n</model>\n";
    }

    private static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] plain(String unit, String resources, String build) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("[Content_Types].xml", "<Types/>");
        files.put("_rels/.rels", RELS.formatted("3D/3dmodel.model"));
        files.put("3D/3dmodel.model", model(unit, resources, build));
        return zip(files);
    }

    @Test
    void aBuildItemIsPlacedByItsTransformInTheFilesUnit() throws Exception {
        Mesh cube = ThreeMfReader.read(plain("millimeter", cube(1), "<item objectid=\"1\" transform=\"1 0 0 0 1 0 0 0 1 100 50 0\"/>"), "cube.3mf");

        MeshAnalysis analysis = MeshAnalysis.of(cube);
        assertThat(analysis.closed()).isTrue();
        assertThat(analysis.volume()).isCloseTo(1000, within(1e-3));
        assertThat(new double[] {analysis.minX(), analysis.minY(), analysis.maxX(), analysis.maxY()}).containsExactly(100, 50, 110, 60);
        assertThat(cube.units()).isEqualTo(Mesh.Units.MILLIMETRE);

        assertThat(ThreeMfReader.read(plain("inch", cube(1), "<item objectid=\"1\"/>"), "inch.3mf").units()).isEqualTo(Mesh.Units.INCH);
    }

    @Test
    void componentsUnderAMirroringItemStayClosedAndRightSideOut() throws Exception {
        String resources = cube(1) + "<object id=\"2\" type=\"model\"><components>"
                + "<component objectid=\"1\"/><component objectid=\"1\" transform=\"1 0 0 0 1 0 0 0 2 20 0 0\"/></components></object>";
        // Mirrored in x, and turned a quarter about z: the winding must come back for the volume and edges to hold.
        Mesh pair = ThreeMfReader.read(plain("millimeter", resources, "<item objectid=\"2\" transform=\"0 -1 0 -1 0 0 0 0 1 0 0 0\"/>"),
                "pair.3mf");

        MeshAnalysis analysis = MeshAnalysis.of(pair);
        assertThat(analysis.parts()).isEqualTo(2);
        assertThat(analysis.flippedEdges()).isZero();
        assertThat(analysis.closed()).isTrue();
        assertThat(analysis.volume()).isCloseTo(1000 + 2000, within(1e-3));
        // x' = -y, y' = -x: the second cube, moved 20 in x, lands at y from -30 to -20.
        assertThat(analysis.minY()).isCloseTo(-30, within(1e-6));
        assertThat(analysis.sizeZ()).isCloseTo(20, within(1e-6));
        // Signed volume stays positive when the winding was flipped back: the solid's outside is outside.
        assertThat(signedVolume(pair)).isPositive();
    }

    @Test
    void aBambuProjectsObjectsAreReadFromTheirOwnModelParts() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("_rels/.rels", RELS.formatted("3D/3dmodel.model"));
        files.put("3D/3dmodel.model", model("millimeter", "<object id=\"2\" p:UUID=\"00000001-61cb-4c03-9d28-80fed5dfa1dc\" type=\"model\">"
                + "<components><component p:path=\"/3D/Objects/object_1.model\" objectid=\"1\" transform=\"1 0 0 0 1 0 0 0 1 0 0 0\"/>"
                + "</components></object>", "<item objectid=\"2\" transform=\"1 0 0 0 1 0 0 0 1 128 128 5\" printable=\"1\"/>"));
        files.put("3D/_rels/3dmodel.model.rels", RELS.formatted("3D/Objects/object_1.model"));
        files.put("3D/Objects/object_1.model", model("millimeter", cube(1), ""));
        files.put("Metadata/model_settings.config", "<config/>");
        files.put("Metadata/plate_1.gcode", "; HEADER_BLOCK_START\n");

        MeshAnalysis analysis = MeshAnalysis.of(ThreeMfReader.read(zip(files), "project.3mf"));

        assertThat(analysis.triangles()).isEqualTo(12);
        assertThat(analysis.minX()).isEqualTo(128);
        assertThat(analysis.minZ()).isEqualTo(5);
    }

    @Test
    void theModelIsFoundWhereTheRelationshipsSayEvenUnderAnotherName() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("_rels/.rels", RELS.formatted("3D/Part Studio 1.model"));
        files.put("3D/Part Studio 1.model", model("centimeter", cube(7), "<item objectid=\"7\"/>"));

        Mesh mesh = ThreeMfReader.read(zip(files), "onshape.3mf");
        assertThat(mesh.units()).isEqualTo(Mesh.Units.CENTIMETRE);
        assertThat(mesh.triangleCount()).isEqualTo(12);
    }

    @Test
    void damagedPackagesAreSaidByWhatIsWrong() throws Exception {
        byte[] good = plain("millimeter", cube(1), "<item objectid=\"1\"/>");
        assertThatThrownBy(() -> ThreeMfReader.read(Arrays.copyOf(good, good.length / 2), "cut.3mf")).isInstanceOf(MeshException.class)
                .hasMessageContaining("cut.3mf").hasMessageContaining("damaged");
        assertThatThrownBy(() -> ThreeMfReader.read("solid not a zip".getBytes(StandardCharsets.US_ASCII), "text.3mf"))
                .hasMessageContaining("is not a 3MF");
        assertThatThrownBy(() -> ThreeMfReader.read(new byte[0], "empty.3mf")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ThreeMfReader.read(plain("millimeter", cube(1), ""), "nobuild.3mf")).hasMessageContaining("no build items");
        assertThatThrownBy(() -> ThreeMfReader.read(plain("millimeter", cube(1), "<item objectid=\"9\"/>"), "missing.3mf"))
                .hasMessageContaining("object 9");
        assertThatThrownBy(() -> ThreeMfReader.read(plain("millimeter", cube(1).replace("v3=\"1\"", "v3=\"8\""), "<item objectid=\"1\"/>"),
                "index.3mf")).hasMessageContaining("vertex 8").hasMessageContaining("only 8 vertices");
        assertThatThrownBy(() -> ThreeMfReader.read(plain("furlong", cube(1), "<item objectid=\"1\"/>"), "unit.3mf"))
                .hasMessageContaining("'furlong'");
        assertThatThrownBy(() -> ThreeMfReader.read(plain("millimeter", cube(1).replace("x=\"10\"", "x=\"ten\""), "<item objectid=\"1\"/>"),
                "nan.3mf")).hasMessageContaining("'ten'");
        String loop = "<object id=\"3\"><components><component objectid=\"4\"/></components></object>"
                + "<object id=\"4\"><components><component objectid=\"3\"/></components></object>";
        assertThatThrownBy(() -> ThreeMfReader.read(plain("millimeter", loop, "<item objectid=\"3\"/>"), "loop.3mf"))
                .hasMessageContaining("loop");
    }

    private static double signedVolume(Mesh mesh) {
        float[] v = mesh.vertices();
        int[] t = mesh.triangles();
        double volume = 0;
        for (int i = 0; i < t.length; i += 3) {
            int a = 3 * t[i];
            int b = 3 * t[i + 1];
            int c = 3 * t[i + 2];
            volume += (v[a] * ((double) v[b + 1] * v[c + 2] - (double) v[b + 2] * v[c + 1])
                    - v[a + 1] * ((double) v[b] * v[c + 2] - (double) v[b + 2] * v[c])
                    + v[a + 2] * ((double) v[b] * v[c + 1] - (double) v[b + 1] * v[c])) / 6;
        }
        return volume;
    }
}
