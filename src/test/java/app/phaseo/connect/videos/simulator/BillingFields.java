package app.phaseo.connect.videos.simulator;

/** Billing fields both shapes derive the same way from the billing state. */
final class BillingFields {

    private BillingFields() {
    }

    static String reservationStatus(JobState.Billing phase) {
        switch (phase) {
            case SETTLED:
                return "captured";
            case VOID:
                return "released";
            default:
                return "held";
        }
    }

    /** {@code captured}/{@code released} once closed; a re-finalization overrides it. */
    static String chargeReason(JobState state) {
        if (state.chargeReasonOverride != null) {
            return state.chargeReasonOverride;
        }
        return state.billing.closed() ? reservationStatus(state.billing) : null;
    }

    static Boolean charged(JobState.Billing phase) {
        return phase.closed() ? phase == JobState.Billing.SETTLED : null;
    }
}
