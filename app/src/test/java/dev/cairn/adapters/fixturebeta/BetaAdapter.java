package dev.cairn.adapters.fixturebeta;

/** A stand-in adapter class that the architecture fixtures depend on. */
public final class BetaAdapter {
    public static final String NAME = "beta";

    private BetaAdapter() {}

    /** Something to call, so a dependency on this class is a method call and not only a constant. */
    public static String describe() {
        return NAME;
    }
}
