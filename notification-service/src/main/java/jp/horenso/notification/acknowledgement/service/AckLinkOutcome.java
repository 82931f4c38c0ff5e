package jp.horenso.notification.acknowledgement.service;

/**
 * What came of opening or using an acknowledgement link.
 *
 * @param refusal why the link was refused, or null when it is good (or was just used)
 * @param incidentNumber the case number, when the link could be read
 */
public record AckLinkOutcome(Refusal refusal, String incidentNumber, boolean drill) {

    /** Why a link is refused, with the HTTP status of the page that says so. */
    public enum Refusal {
        /** Not a link this service signed for this notification and recipient (or no such notification). */
        FORGED(403),
        /** Past its expiry. */
        EXPIRED(410),
        /** Used before: a link acknowledges once. */
        USED(409),
        /** Opened by a logged-in person other than the one it was sent to. */
        NOT_YOURS(403),
        /** The case was closed or withdrawn and its chain stopped: there is nothing left to acknowledge. */
        CHAIN_STOPPED(410);

        private final int status;

        Refusal(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    static AckLinkOutcome refused(Refusal refusal, String incidentNumber, boolean drill) {
        return new AckLinkOutcome(refusal, incidentNumber, drill);
    }

    /** Whether the link is good. */
    public boolean isAccepted() {
        return refusal == null;
    }
}
