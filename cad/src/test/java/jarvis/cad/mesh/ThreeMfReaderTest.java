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

    /** One object holding two cubes' triangles, as PrusaSlicer merges an object's volumes: a {@code small} one, then a {@code large} one. */
    private static String mergedCubes(int small, int large) {
        StringBuilder xml = new StringBuilder("<object id=\"1\" type=\"model\"><mesh><vertices>");
        int[][] unit = {{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 1}, {1, 1, 1}, {0, 1, 1}};
        for (int size : new int[] {small, large}) {
            for (int[] c : unit) {
                xml.append("<vertex x=\"").append(c[0] * size).append("\" y=\"").append(c[1] * size).append("\" z=\"").append(c[2] * size)
                        .append("\"/>");
            }
        }
        xml.append("</vertices><triangles>");
        int[][] faces = {{0, 3, 2, 1}, {4, 5, 6, 7}, {0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}};
        for (int offset : new int[] {0, 8}) {
            for (int[] f : faces) {
                xml.append(triangle(f[0] + offset, f[1] + offset, f[2] + offset)).append(triangle(f[0] + offset, f[2] + offset, f[3] + offset));
            }
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
    void aQuarterTurnedComponentUnderAMovedItemLandsWhereTheRowVectorFormPutsIt() throws Exception {
        // A 10 × 10 × 10 cube turned 90° about z (x' = -y, y' = x), then moved by the item to (100, 50, 0).
        String resources = cube(1) + "<object id=\"2\"><components><component objectid=\"1\" transform=\"0 1 0 -1 0 0 0 0 1 0 0 0\"/>"
                + "</components></object>";
        MeshAnalysis turned = MeshAnalysis.of(ThreeMfReader.read(plain("millimeter", resources,
                "<item objectid=\"2\" transform=\"1 0 0 0 1 0 0 0 1 100 50 0\"/>"), "turned.3mf"));
        assertThat(new double[] {turned.minX(), turned.maxX(), turned.minY(), turned.maxY()}).containsExactly(90, 100, 50, 60);
    }

    @Test
    void modifiersOfEachSlicerAndUnprintableItemsAreLeftOut() throws Exception {
        // OrcaSlicer: the modifier is typed "model"; only Metadata/model_settings.config says it is a modifier_part.
        Map<String, String> orca = new LinkedHashMap<>();
        orca.put("_rels/.rels", RELS.formatted("3D/3dmodel.model"));
        orca.put("3D/3dmodel.model", model("millimeter", "<object id=\"3\" type=\"model\"><components>"
                + "<component p:path=\"/3D/Objects/object_1.model\" objectid=\"1\"/>"
                + "<component p:path=\"/3D/Objects/object_1.model\" objectid=\"2\" transform=\"30 0 0 0 30 0 0 0 30 -100 -100 0\"/>"
                + "</components></object>", "<item objectid=\"3\"/>"));
        orca.put("3D/Objects/object_1.model", model("millimeter", cube(1) + cube(2), ""));
        orca.put("Metadata/model_settings.config", """
                <?xml version="1.0" encoding="UTF-8"?>
                <config><object id="3"><metadata key="name" value="Bracket"/>
                  <part id="1" subtype="normal_part"><metadata key="name" value="Bracket"/></part>
                  <part id="2" subtype="modifier_part"><metadata key="name" value="Infill here"/></part>
                </object></config>
                """);
        MeshAnalysis bracket = MeshAnalysis.of(ThreeMfReader.read(zip(orca), "orca.3mf"));
        assertThat(bracket.sizeX()).as("the 300 mm modifier is not measured").isEqualTo(10);

        // PrusaSlicer: every volume merged into one mesh; Slic3r_PE_model.config gives each volume's triangle range and type.
        String merged = mergedCubes(10, 300);
        Map<String, String> prusa = new LinkedHashMap<>();
        prusa.put("_rels/.rels", RELS.formatted("3D/3dmodel.model"));
        prusa.put("3D/3dmodel.model", model("millimeter", merged, "<item objectid=\"1\"/><item objectid=\"1\" printable=\"0\" "
                + "transform=\"1 0 0 0 1 0 0 0 1 500 0 0\"/>"));
        prusa.put("Metadata/Slic3r_PE_model.config", """
                <?xml version="1.0" encoding="UTF-8"?>
                <config><object id="1" instances_count="1"><metadata type="object" key="name" value="cube.stl"/>
                 <volume firstid="0" lastid="11"><metadata type="volume" key="volume_type" value="ModelPart"/></volume>
                 <volume firstid="12" lastid="23"><metadata type="volume" key="volume_type" value="ParameterModifier"/></volume>
                </object></config>
                """);
        MeshAnalysis cube = MeshAnalysis.of(ThreeMfReader.read(zip(prusa), "prusa.3mf"));
        assertThat(cube.triangles()).as("the modifier's twelve triangles are left out").isEqualTo(12);
        assertThat(cube.maxX()).as("the item marked not printable is left out").isEqualTo(10);
    }

    @Test
    void partNamesAreComparedAsOpcComparesThemAndExtensionElementsAreIgnored() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("_rels/.rels", RELS.formatted("3D/My%20Part.model"));
        files.put("3d/my part.model", model("millimeter", cube(1).replace("</mesh>", "</mesh><s:slicestack xmlns:s=\"http://schemas.microsoft"
                + ".com/3dmanufacturing/slice/2015/07\"><s:slice ztop=\"1\"><s:vertices><s:vertex x=\"0\" y=\"0\"/></s:vertices></s:slice>"
                + "</s:slicestack>"), "<item objectid=\"1\"/>"));

        assertThat(ThreeMfReader.read(zip(files), "encoded.3mf").triangleCount()).isEqualTo(12);
    }

    @Test
    void componentsThatMultiplyPastFiftyMillionTrianglesAreRefused() throws Exception {
        StringBuilder resources = new StringBuilder(cube(1));
        for (int level = 2; level <= 8; level++) {
            resources.append("<object id=\"").append(level).append("\"><components>");
            for (int copy = 0; copy < 10; copy++) {
                resources.append("<component objectid=\"").append(level - 1).append("\"/>");
            }
            resources.append("</components></object>");
        }
        assertThatThrownBy(() -> ThreeMfReader.read(plain("millimeter", resources.toString(), "<item objectid=\"8\"/>"), "bomb.3mf"))
                .hasMessageContaining("builds 120000000 triangles").hasMessageContaining("more than 50 million");
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
