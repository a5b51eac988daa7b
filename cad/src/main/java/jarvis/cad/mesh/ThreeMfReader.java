package jarvis.cad.mesh;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads 3MF: a zip whose {@code _rels/.rels} names the model part; the model's unit; its objects, each a mesh or
 * components (other objects under a transform, possibly in another model part of the package, as Bambu Studio and
 * OrcaSlicer write projects); and the build items, which are what gets printed, each under its own transform. Every
 * item's triangles are placed where the build puts them. A transform that mirrors turns triangles inside out, so their
 * winding is flipped back. Objects of type "other" and "support" are not part of the printed solid and are left out.
 */
public final class ThreeMfReader {

    private static final String CORE = "http://schemas.microsoft.com/3dmanufacturing/core/2015/02";
    private static final String PRODUCTION = "http://schemas.microsoft.com/3dmanufacturing/production/2015/06";
    private static final String MODEL_RELATIONSHIP = "http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel";
    /** The most a package's model may unpack to: a zip bomb is refused rather than filling memory. */
    private static final long MOST_UNPACKED = Math.min(2L << 30, Runtime.getRuntime().maxMemory() / 4);
    /** The most triangles the build may place: components of components can multiply a small file a billionfold. */
    private static final long MOST_TRIANGLES = 50_000_000;
    private static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0};
    private static final int DEEPEST = 32;

    private final String name;
    private final Map<String, byte[]> parts;
    /** Objects by "part#id". */
    private final Map<String, ModelObject> objects = new HashMap<>();
    private final Set<String> readParts = new HashSet<>();
    private Mesh.Units units = Mesh.Units.MILLIMETRE;
    private String rootPart = "";
    /** Bambu Studio and OrcaSlicer: "object#part" of the parts that are modifiers, negative volumes or support blockers. */
    private final Set<String> notSolidParts = new HashSet<>();
    /** PrusaSlicer: per object, the triangle ranges (first, last) of its volumes that are not model parts. */
    private final Map<String, List<int[]>> notSolidTriangles = new HashMap<>();

    private ThreeMfReader(String name, Map<String, byte[]> parts) {
        this.name = name;
        this.parts = parts;
    }

    public static Mesh read(Path file) throws MeshException {
        return read(MeshFiles.bytes(file), file.getFileName().toString());
    }

    /** Reads a 3MF held in memory; {@code name} is for messages. */
    public static Mesh read(byte[] bytes, String name) throws MeshException {
        if (bytes.length == 0) {
            throw new MeshException(name + " is empty: there is no part in it.");
        }
        return new ThreeMfReader(name, unzip(bytes, name)).build();
    }

    /** An object of the model: its type, and either a mesh (vertices and triangles) or components. */
    private record ModelObject(String key, String type, float[] vertices, int[] triangles, List<Component> components) {}

    private record Component(String key, double[] transform) {}

    private static Map<String, byte[]> unzip(byte[] bytes, String name) throws MeshException {
        Map<String, byte[]> parts = new HashMap<>();
        long unpacked = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            byte[] buffer = new byte[64 * 1024];
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.isDirectory() || !shaping(entry.getName())) {
                    // Thumbnails and a sliced project's G-code (often hundreds of MB) shape nothing: not unpacked.
                    continue;
                }
                ByteArrayOutputStream part = new ByteArrayOutputStream();
                for (int read; (read = zip.read(buffer)) > 0; ) {
                    unpacked += read;
                    if (unpacked > MOST_UNPACKED) {
                        throw new MeshException(name + " unpacks to more than " + MOST_UNPACKED / (1 << 20) + " MB of model: it is not a part "
                                + "Jarvis will open (a zip bomb, or a model too large for this computer's memory).");
                    }
                    part.write(buffer, 0, read);
                }
                parts.put(normalise(entry.getName()), part.toByteArray());
            }
        } catch (ZipException | EOFException e) {
            throw new MeshException(name + " is not a whole 3MF: its zip is damaged or cut short (" + e.getMessage() + ").", e);
        } catch (IOException e) {
            throw new MeshException("Could not unpack " + name + ": " + e.getMessage(), e);
        }
        if (parts.isEmpty()) {
            throw new MeshException(name + " is not a 3MF: a 3MF is a zip package, and this holds no files.");
        }
        return parts;
    }

    /** Whether a package part shapes the model: relationships, model parts and the slicers' model settings. */
    private static boolean shaping(String entry) {
        String part = normalise(entry);
        return part.endsWith(".rels") || part.endsWith(".model") || part.startsWith("metadata/") && part.endsWith(".config");
    }

    /**
     * A part's name as the package's relationships write it, made comparable: OPC part names are case-insensitive and
     * may be percent-encoded, so no leading slash, forward slashes, decoded and lower-cased.
     */
    private static String normalise(String part) {
        String path = part.replace('\\', '/');
        try {
            path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // Not percent-encoded after all: taken as written.
        }
        path = path.toLowerCase(Locale.ROOT);
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private Mesh build() throws MeshException {
        String model = modelPart();
        rootPart = model;
        readSlicerSettings();
        List<Component> items = readModel(model, true);
        if (items.isEmpty()) {
            throw new MeshException(name + " has no build items: it describes no part to print.");
        }
        long total = 0;
        Map<String, Long> counted = new HashMap<>();
        for (Component item : items) {
            total += count(item.key(), 0, counted);
        }
        if (total > MOST_TRIANGLES) {
            throw new MeshException(name + " builds " + total + " triangles through its components, more than " + MOST_TRIANGLES / 1_000_000
                    + " million: it is not a part Jarvis will open.");
        }
        MeshBuilder mesh = new MeshBuilder();
        for (Component item : items) {
            place(item.key(), item.transform(), mesh, 0, new HashSet<>());
        }
        if (mesh.triangleCount() == 0) {
            throw new MeshException(name + " has no triangles in what it builds: there is no part in it.");
        }
        return mesh.build(units);
    }

    /** The model part named by {@code _rels/.rels}; a package without it, its usual place. */
    private String modelPart() throws MeshException {
        byte[] relationships = parts.get("_rels/.rels");
        if (relationships != null) {
            try {
                XMLStreamReader xml = xml(relationships);
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("Relationship")
                            && MODEL_RELATIONSHIP.equals(xml.getAttributeValue(null, "Type"))) {
                        String target = normalise(xml.getAttributeValue(null, "Target"));
                        if (!parts.containsKey(target)) {
                            throw new MeshException(name + " names its model " + target + ", but the package has no such file: it is damaged.");
                        }
                        return target;
                    }
                }
            } catch (XMLStreamException e) {
                throw new MeshException(name + " has a damaged _rels/.rels: " + e.getMessage(), e);
            }
        }
        if (parts.containsKey("3d/3dmodel.model")) {
            return "3d/3dmodel.model";
        }
        throw new MeshException(name + " is not a 3MF: it has no _rels/.rels naming a 3D model, and no 3D/3dmodel.model.");
    }

    /**
     * Reads a model part's objects (and, for the root model, its unit and build items). Another part named by a
     * component is read when first met.
     */
    private List<Component> readModel(String part, boolean root) throws MeshException {
        readParts.add(part);
        List<Component> items = new ArrayList<>();
        try {
            XMLStreamReader xml = xml(parts.get(part));
            ModelParse parse = new ModelParse(part);
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    parse.start(xml, root, items);
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    parse.end(xml);
                }
            }
        } catch (XMLStreamException e) {
            throw new MeshException(name + " has a damaged model (" + part + "): " + e.getMessage(), e);
        }
        return items;
    }

    /** The state of reading one model part: the object open, its vertices and triangles so far. */
    private final class ModelParse {
        private final String part;
        private String objectKey;
        private String objectType;
        private float[] vertices = new float[3 * 256];
        private int vertexCount;
        private int[] triangles = new int[3 * 256];
        private int triangleCount;
        private List<Component> components;

        ModelParse(String part) {
            this.part = part;
        }

        void start(XMLStreamReader xml, boolean root, List<Component> items) throws MeshException {
            if (!CORE.equals(xml.getNamespaceURI())) {
                // Extensions' elements (slices, displacement, materials) shape nothing Jarvis prints from.
                return;
            }
            String element = xml.getLocalName();
            if (objectKey == null && (element.equals("vertex") || element.equals("triangle") || element.equals("component"))) {
                throw new MeshException(name + " has a " + element + " outside any object (" + part + ", line " + xml.getLocation().getLineNumber()
                        + "): the file is damaged.");
            }
            switch (element) {
                case "model" -> {
                    if (root) {
                        units = units(xml.getAttributeValue(null, "unit"));
                    }
                }
                case "object" -> {
                    objectKey = part + "#" + required(xml, "id");
                    String type = xml.getAttributeValue(null, "type");
                    objectType = type == null ? "model" : type;
                    vertexCount = 0;
                    triangleCount = 0;
                    components = new ArrayList<>();
                }
                case "vertex" -> vertex(number(xml, "x"), number(xml, "y"), number(xml, "z"));
                case "triangle" -> triangle(index(xml, "v1"), index(xml, "v2"), index(xml, "v3"));
                case "component" -> components.add(new Component(reference(xml), transform(xml)));
                case "item" -> {
                    // An item a slicer marks not printable (printable="0") is on the plate but not printed.
                    if (root && !"0".equals(xml.getAttributeValue(null, "printable"))) {
                        items.add(new Component(reference(xml), transform(xml)));
                    }
                }
                default -> {
                    // Materials, colours, metadata, slices and the like shape nothing that is printed.
                }
            }
        }

        void end(XMLStreamReader xml) {
            if (xml.getLocalName().equals("object") && objectKey != null) {
                objects.put(objectKey, new ModelObject(objectKey, objectType, Arrays.copyOf(vertices, 3 * vertexCount),
                        Arrays.copyOf(triangles, 3 * triangleCount), List.copyOf(components)));
                objectKey = null;
            }
        }

        private void vertex(float x, float y, float z) {
            if (3 * vertexCount + 3 > vertices.length) {
                vertices = Arrays.copyOf(vertices, vertices.length * 2);
            }
            vertices[3 * vertexCount] = x;
            vertices[3 * vertexCount + 1] = y;
            vertices[3 * vertexCount + 2] = z;
            vertexCount++;
        }

        private void triangle(int a, int b, int c) throws MeshException {
            for (int corner : new int[] {a, b, c}) {
                if (corner >= vertexCount) {
                    throw new MeshException(name + " has a triangle naming vertex " + corner + " in object " + objectKey.substring(part.length() + 1)
                            + ", which has only " + vertexCount + " vertices: the file is damaged.");
                }
            }
            if (3 * triangleCount + 3 > triangles.length) {
                triangles = Arrays.copyOf(triangles, triangles.length * 2);
            }
            triangles[3 * triangleCount] = a;
            triangles[3 * triangleCount + 1] = b;
            triangles[3 * triangleCount + 2] = c;
            triangleCount++;
        }

        /** An object named by a component or an item: its id, in this part or the one its production path names. */
        private String reference(XMLStreamReader xml) throws MeshException {
            String id = required(xml, "objectid");
            String path = xml.getAttributeValue(PRODUCTION, "path");
            return (path == null || path.isBlank() ? part : normalise(path)) + "#" + id;
        }

        private String required(XMLStreamReader xml, String attribute) throws MeshException {
            String value = xml.getAttributeValue(null, attribute);
            if (value == null || value.isBlank()) {
                throw new MeshException(name + " has a " + xml.getLocalName() + " without its " + attribute + " (" + part + ", line "
                        + xml.getLocation().getLineNumber() + "): the file is damaged.");
            }
            return value.strip();
        }

        private float number(XMLStreamReader xml, String attribute) throws MeshException {
            String value = required(xml, attribute);
            try {
                float number = Float.parseFloat(value);
                if (Float.isFinite(number)) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // Said below.
            }
            throw new MeshException(name + " has a vertex whose " + attribute + " is not a number ('" + value + "', " + part + " line "
                    + xml.getLocation().getLineNumber() + ").");
        }

        private int index(XMLStreamReader xml, String attribute) throws MeshException {
            String value = required(xml, attribute);
            try {
                int index = Integer.parseInt(value);
                if (index >= 0) {
                    return index;
                }
            } catch (NumberFormatException e) {
                // Said below.
            }
            throw new MeshException(name + " has a triangle whose " + attribute + " is not a vertex number ('" + value + "', " + part + " line "
                    + xml.getLocation().getLineNumber() + ").");
        }

        private double[] transform(XMLStreamReader xml) throws MeshException {
            String value = xml.getAttributeValue(null, "transform");
            if (value == null || value.isBlank()) {
                return IDENTITY;
            }
            String[] numbers = value.strip().split("\\s+");
            if (numbers.length != 12) {
                throw new MeshException(name + " has a transform of " + numbers.length + " numbers (" + part + " line "
                        + xml.getLocation().getLineNumber() + "); 3MF transforms have 12.");
            }
            double[] matrix = new double[12];
            for (int i = 0; i < 12; i++) {
                try {
                    matrix[i] = Double.parseDouble(numbers[i]);
                } catch (NumberFormatException e) {
                    throw new MeshException(name + " has a transform with '" + numbers[i] + "' in it (" + part + " line "
                            + xml.getLocation().getLineNumber() + "): it is not a number.");
                }
            }
            return matrix;
        }
    }

    /**
     * Adds an object's triangles under {@code transform} (3MF's row-vector form: x' = x·m00 + y·m10 + z·m20 + m30, and so
     * on); a component's own transform applies first, then its parent's.
     */
    private void place(String key, double[] transform, MeshBuilder mesh, int depth, Set<String> above) throws MeshException {
        ModelObject object = object(key);
        String id = key.substring(key.lastIndexOf('#') + 1);
        boolean inRoot = key.startsWith(rootPart + "#");
        List<int[]> notSolid = inRoot ? notSolidTriangles.getOrDefault(id, List.of()) : List.of();
        if (!above.add(key) || depth > DEEPEST) {
            throw new MeshException(name + " has an object made of itself (object " + key + "): its components loop.");
        }
        if (object.type().equals("other") || object.type().equals("support")) {
            above.remove(key);
            return;
        }
        for (Component component : object.components()) {
            if (inRoot && notSolidParts.contains(id + "#" + component.key().substring(component.key().lastIndexOf('#') + 1))) {
                continue;
            }
            place(component.key(), compose(transform, component.transform()), mesh, depth + 1, above);
        }
        float[] v = object.vertices();
        int[] t = object.triangles();
        boolean mirrored = determinant(transform) < 0;
        float[] corners = new float[9];
        for (int i = 0; i < t.length; i += 3) {
            if (within(notSolid, i / 3)) {
                continue;
            }
            for (int k = 0; k < 3; k++) {
                // A mirrored triangle is taken corner a, c, b: its winding, and so its outside, comes back.
                int vertex = t[i + (mirrored && k > 0 ? 3 - k : k)];
                double x = v[3 * vertex];
                double y = v[3 * vertex + 1];
                double z = v[3 * vertex + 2];
                corners[3 * k] = (float) (x * transform[0] + y * transform[3] + z * transform[6] + transform[9]);
                corners[3 * k + 1] = (float) (x * transform[1] + y * transform[4] + z * transform[7] + transform[10]);
                corners[3 * k + 2] = (float) (x * transform[2] + y * transform[5] + z * transform[8] + transform[11]);
            }
            mesh.triangle(corners[0], corners[1], corners[2], corners[3], corners[4], corners[5], corners[6], corners[7], corners[8]);
        }
        above.remove(key);
    }

    /** How many triangles an object places, its components' included (each object counted once); a loop is said. */
    private long count(String key, int depth, Map<String, Long> counted) throws MeshException {
        Long known = counted.get(key);
        if (known != null) {
            return known;
        }
        if (depth > DEEPEST) {
            throw new MeshException(name + " has an object made of itself (object " + key + "): its components loop.");
        }
        ModelObject object = object(key);
        long total = object.triangles().length / 3;
        for (Component component : object.components()) {
            total = Math.min(Long.MAX_VALUE / 2, total + count(component.key(), depth + 1, counted));
        }
        counted.put(key, total);
        return total;
    }

    private static boolean within(List<int[]> ranges, int triangle) {
        for (int[] range : ranges) {
            if (triangle >= range[0] && triangle <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the slicers say of their objects' volumes, so that only solid parts are measured: Bambu Studio and
     * OrcaSlicer list each part's subtype in {@code Metadata/model_settings.config} (OrcaSlicer types modifiers "model"
     * in the model itself); PrusaSlicer merges an object's volumes into one mesh and gives each volume's triangle range
     * and type in {@code Metadata/Slic3r_PE_model.config}.
     */
    private void readSlicerSettings() throws MeshException {
        byte[] bambu = parts.get("metadata/model_settings.config");
        byte[] prusa = parts.get("metadata/slic3r_pe_model.config");
        try {
            if (bambu != null) {
                XMLStreamReader xml = xml(bambu);
                String object = null;
                while (xml.hasNext()) {
                    if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    if (xml.getLocalName().equals("object")) {
                        object = xml.getAttributeValue(null, "id");
                    } else if (xml.getLocalName().equals("part") && object != null) {
                        String subtype = xml.getAttributeValue(null, "subtype");
                        if (subtype != null && !subtype.equals("normal_part")) {
                            notSolidParts.add(object + "#" + xml.getAttributeValue(null, "id"));
                        }
                    }
                }
            }
            if (prusa != null) {
                XMLStreamReader xml = xml(prusa);
                String object = null;
                int[] volume = null;
                while (xml.hasNext()) {
                    if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    switch (xml.getLocalName()) {
                        case "object" -> object = xml.getAttributeValue(null, "id");
                        case "volume" -> volume = new int[] {Integer.parseInt(xml.getAttributeValue(null, "firstid").strip()),
                                Integer.parseInt(xml.getAttributeValue(null, "lastid").strip())};
                        case "metadata" -> {
                            String key = xml.getAttributeValue(null, "key");
                            String value = xml.getAttributeValue(null, "value");
                            boolean notModel = "volume_type".equals(key) && !"ModelPart".equals(value) || "modifier".equals(key) && "1".equals(value);
                            if (notModel && object != null && volume != null) {
                                notSolidTriangles.computeIfAbsent(object, o -> new ArrayList<>()).add(volume);
                            }
                        }
                        default -> { }
                    }
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new MeshException(name + " has damaged slicer settings (" + e.getMessage() + "): its parts cannot be told from its "
                    + "modifiers.", e);
        }
    }

    private ModelObject object(String key) throws MeshException {
        String part = key.substring(0, key.lastIndexOf('#'));
        if (!objects.containsKey(key) && !readParts.contains(part)) {
            if (!parts.containsKey(part)) {
                throw new MeshException(name + " refers to a model part " + part + " that is not in the package: it is damaged.");
            }
            readModel(part, false);
        }
        ModelObject object = objects.get(key);
        if (object == null) {
            throw new MeshException(name + " builds object " + key.substring(key.lastIndexOf('#') + 1) + ", which " + part + " does not have: "
                    + "the file is damaged.");
        }
        return object;
    }

    /** {@code outer} after {@code inner}, both in 3MF's row-vector form. */
    static double[] compose(double[] outer, double[] inner) {
        double[] m = new double[12];
        for (int row = 0; row < 4; row++) {
            for (int column = 0; column < 3; column++) {
                double sum = row == 3 ? outer[9 + column] : 0;
                for (int k = 0; k < 3; k++) {
                    sum += inner[3 * row + k] * outer[3 * k + column];
                }
                m[3 * row + column] = sum;
            }
        }
        return m;
    }

    private static double determinant(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    private Mesh.Units units(String unit) throws MeshException {
        return switch (unit == null ? "millimeter" : unit.strip().toLowerCase(Locale.ROOT)) {
            case "micron" -> Mesh.Units.MICRON;
            case "millimeter" -> Mesh.Units.MILLIMETRE;
            case "centimeter" -> Mesh.Units.CENTIMETRE;
            case "inch" -> Mesh.Units.INCH;
            case "foot" -> Mesh.Units.FOOT;
            case "meter" -> Mesh.Units.METRE;
            default -> throw new MeshException(name + " is in unit '" + unit + "', which 3MF does not have (micron, millimeter, centimeter, "
                    + "inch, foot, meter).");
        };
    }

    /** A reader with no DTDs and no external entities: a part file cannot make Jarvis fetch or read anything else. */
    private static XMLStreamReader xml(byte[] bytes) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        InputStream in = new ByteArrayInputStream(bytes);
        return factory.createXMLStreamReader(in);
    }
}
