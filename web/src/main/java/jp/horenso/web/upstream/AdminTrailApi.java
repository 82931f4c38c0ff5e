package jp.horenso.web.upstream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * The administrative trail every service offers (platform {@code AdminTrailResource}): its entries newest first,
 * and the verification of its hash chain. {@code organisation} is named only by the installation administrator;
 * the security lead and the auditor get their own organisation's. Implemented by one client per service.
 */
public interface AdminTrailApi {

    @GET
    @Path("/admin-trail")
    Response adminTrail(@QueryParam("organisation") String organisation, @QueryParam("limit") Integer limit);

    @GET
    @Path("/admin-trail/verify")
    Response verifyAdminTrail(@QueryParam("organisation") String organisation);
}
