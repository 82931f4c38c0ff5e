package jp.horenso.incident.chain.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.cases.service.IncidentService;
import jp.horenso.incident.chain.repository.ChainHopRepository;
import jp.horenso.incident.chain.rest.HopView;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.platform.security.Caller;

/** Reads a case's chain from the projection, for those who may see the case. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ChainService {

    private final IncidentService incidents;
    private final JapanTime clock;
    private final ChainHopRepository hops;

    public ChainService(IncidentService incidents, ChainHopRepository hops, JapanTime clock) {
        this.clock = clock;
        this.incidents = incidents;
        this.hops = hops;
    }

    /** Every hop of the case in the order they were opened; 404 when the caller may not see the case. */
    public List<HopView> of(Caller caller, UUID incidentId) {
        incidents.visible(caller, incidentId);
        OffsetDateTime now = clock.now();
        return hops.ofIncident(incidentId).stream().map(h -> HopView.of(h, now)).toList();
    }
}
