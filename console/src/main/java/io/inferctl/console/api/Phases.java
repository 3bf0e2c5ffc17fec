package io.inferctl.console.api;

/** How a rollout phase reads on a page, and which phases a person may still decide on. */
final class Phases {

    static final String CANARY = "CANARY";
    static final String BAKING = "BAKING";

    private Phases() {
    }

    /** {@code CANARY 10%} while a canary step holds its share of traffic; any other phase as its name. */
    static String text(String phase, Integer canaryPercent) {
        if (CANARY.equals(phase) && canaryPercent != null) {
            return CANARY + " " + canaryPercent + "%";
        }
        return phase;
    }

    /** Promote and abort are open while the new version is in a canary step or baking at full traffic. */
    static boolean canaryDecisionOpen(String phase) {
        return CANARY.equals(phase) || BAKING.equals(phase);
    }
}
