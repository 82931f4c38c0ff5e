package jp.horenso.escalation.directory.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import jp.horenso.escalation.common.security.OrganisationCaller;
import jp.horenso.escalation.directory.Absence;
import jp.horenso.escalation.directory.service.AbsenceService;

/** Absences (leave, business trips) of the caller's organisation: while absent, a person's hops go to the deputy. */
@Path("/api/directory/absences")
@Produces(MediaType.APPLICATION_JSON)
public class AbsenceResource {

    private final AbsenceService absences;
    private final OrganisationCaller caller;

    public AbsenceResource(AbsenceService absences, OrganisationCaller caller) {
        this.absences = absences;
        this.caller = caller;
    }

    /** An absence to record; {@code endsAt} is exclusive. */
    public record Request(
            @NotBlank String username,
            @NotNull Instant startsAt,
            @NotNull Instant endsAt,
            @Size(max = 500) String reason) {}

    /** An absence as the API shows it. */
    public record View(long id, String username, Instant startsAt, Instant endsAt, String reason, String createdBy) {

        static View of(Absence a) {
            return new View(a.id(), a.username(), a.startsAt(), a.endsAt(), a.reason(), a.createdBy());
        }
    }

    @GET
    @RolesAllowed({"security-lead", "csirt", "ciso", "auditor"})
    public List<View> list() {
        return absences.current(caller.current()).stream().map(View::of).toList();
    }

    /** 201 with the absence; 422 problem+json when the person is unknown or the period empty. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("security-lead")
    public Response add(@Valid Request request) {
        Absence absence = absences.add(
                caller.current(), request.username(), request.startsAt(), request.endsAt(), request.reason());
        return Response.created(URI.create("/api/directory/absences/" + absence.id()))
                .entity(View.of(absence))
                .build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("security-lead")
    public Response remove(@PathParam("id") long id) {
        absences.remove(caller.current(), id);
        return Response.noContent().build();
    }
}
