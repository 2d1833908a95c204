package dev.cairn.core.architecturefixture;

import dev.cairn.adapters.fixturebeta.BetaAdapter;

/** Core calling an adapter on purpose, so the rule that dependencies point inwards can show it bites. */
public final class CoreClassReachingIntoAnAdapter {
    private CoreClassReachingIntoAnAdapter() {}

    static String adapter() {
        return BetaAdapter.describe();
    }
}
