package dev.cairn.adapters.fixturebeta;

/** Depends only on its own adapter, which the rules must allow. */
public final class BetaAdapterUsingItself {
    private BetaAdapterUsingItself() {}

    static String name() {
        return BetaAdapter.describe();
    }
}
