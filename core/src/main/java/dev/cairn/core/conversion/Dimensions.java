package dev.cairn.core.conversion;

/** A picture's size in pixels, as coded (before any display rotation). */
public record Dimensions(int width, int height) {
    public Dimensions {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("dimensions are positive, got " + width + "x" + height);
        }
    }

    public int shortSide() {
        return Math.min(width, height);
    }

    public int longSide() {
        return Math.max(width, height);
    }

    public long pixels() {
        return (long) width * height;
    }

    /**
     * The size whose short side is at most {@code bound}, same orientation and aspect ratio (to rounding), both sides
     * even (what 4:2:0 video needs), never larger than this one.
     */
    public Dimensions fitShortSide(int bound) {
        return scaled(Math.min(1.0, (double) bound / shortSide()), true);
    }

    /** The size that fits in a {@code bound} x {@code bound} box, same aspect ratio, never larger than this one. */
    public Dimensions fitLongSide(int bound) {
        return scaled(Math.min(1.0, (double) bound / longSide()), false);
    }

    private Dimensions scaled(double factor, boolean even) {
        int w = side(width * factor, even);
        int h = side(height * factor, even);
        return new Dimensions(w, h);
    }

    /** Rounded down (never up, so never past the source), and to even for video; at least 2 (or 1) pixels. */
    private static int side(double exact, boolean even) {
        int rounded = (int) Math.floor(exact + 1e-9);
        if (even) {
            rounded &= ~1;
            return Math.max(2, rounded);
        }
        return Math.max(1, rounded);
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
