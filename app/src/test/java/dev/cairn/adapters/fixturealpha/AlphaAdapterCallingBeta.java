package dev.cairn.adapters.fixturealpha;

import dev.cairn.adapters.fixturebeta.BetaAdapter;

/** An adapter reaching into another adapter on purpose, so the rule that adapters are independent can show it bites. */
public final class AlphaAdapterCallingBeta {
    private AlphaAdapterCallingBeta() {}

    static String name() {
        return BetaAdapter.describe() + "-via-alpha";
    }
}
