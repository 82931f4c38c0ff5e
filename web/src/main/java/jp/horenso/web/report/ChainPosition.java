package jp.horenso.web.report;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.web.common.Upstream;
import jp.horenso.web.upstream.IncidentApi;

/** Where a case stands in the reporting chain: the first hop still waiting, or null when none waits. */
public final class ChainPosition {

    private ChainPosition() {}

    /** The waiting hop ({step, recipient, ackDeadline, overdue}); "DONE" when every hop is acknowledged. */
    public static Object of(IncidentApi incidents, UUID id) {
        try {
            List<Map<String, Object>> hops = Upstream.list(incidents.chain(id));
            return waiting(hops);
        } catch (RuntimeException e) {
            return null;
        }
    }

    public static Object waiting(List<Map<String, Object>> hops) {
        Map<String, Object> latest = null;
        for (Map<String, Object> hop : hops) {
            String state = String.valueOf(hop.get("state"));
            boolean closed = hop.get("acknowledgedAt") != null
                    || List.of("ACKNOWLEDGED", "CANCELLED", "STOPPED", "CLOSED").contains(state);
            if (!closed) {
                latest = hop;
            }
        }
        if (latest != null) {
            return latest;
        }
        return hops.isEmpty() ? null : "DONE";
    }
}
