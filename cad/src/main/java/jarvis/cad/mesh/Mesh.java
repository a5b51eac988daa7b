package jarvis.cad.mesh;

/**
 * A triangle mesh in flat arrays, never an object per triangle: each vertex's x, y and z in {@code vertices}, each
 * triangle's three vertex indices in {@code triangles}, counter-clockwise seen from outside; lengths in {@code units}.
 */
public record Mesh(float[] vertices, int[] triangles, Units units) {

    /** The length a file's numbers stand for. STL says nothing and is taken as millimetres, as slicers take it. */
    public enum Units {
        MILLIMETRE(1), INCH(25.4), CENTIMETRE(10), METRE(1000), MICRON(0.001), FOOT(304.8);

        private final double millimetres;

        Units(double millimetres) {
            this.millimetres = millimetres;
        }

        public double millimetres() {
            return millimetres;
        }
    }

    public int vertexCount() {
        return vertices.length / 3;
    }

    public int triangleCount() {
        return triangles.length / 3;
    }
}
