package jarvis.devices.home;

/** Numbers as a person reads them: 21 rather than 21.0, 21.5 as it is. */
public final class Numbers {

    private Numbers() {}

    public static String plain(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** A number as text, anything else as it is. */
    public static String plain(Object value) {
        return value instanceof Number number ? plain(number.doubleValue()) : String.valueOf(value);
    }
}
