package jp.horenso.escalation.directory.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import jp.horenso.escalation.common.security.OrganisationCaller;
import jp.horenso.escalation.directory.exchange.CsvDirectoryFormat;
import jp.horenso.escalation.directory.exchange.DirectoryRows;
import jp.horenso.escalation.directory.exchange.YamlDirectoryFormat;
import jp.horenso.escalation.directory.service.DirectoryExportService;
import jp.horenso.escalation.directory.service.DirectoryImportService;
import jp.horenso.escalation.seed.SeedDocument;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.problem.ProblemException;
import jp.horenso.platform.security.Caller;

/**
 * The caller's organisation's directory (units, people, positions, deputies): read as JSON, exported and
 * imported as CSV or YAML for the yearly April reorganisation.
 */
@Path("/api/directory")
public class DirectoryResource {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final DirectoryExportService directory;
    private final DirectoryImportService imports;
    private final OrganisationCaller caller;

    public DirectoryResource(
            DirectoryExportService directory, DirectoryImportService imports, OrganisationCaller caller) {
        this.directory = directory;
        this.imports = imports;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"security-lead", "csirt", "ciso", "auditor"})
    public SeedDocument get() {
        return directory.directory(caller.current());
    }

    /** The directory as a file to edit and import again: {@code format=csv} (default) or {@code yaml}. */
    @GET
    @Path("/export")
    @Produces({CsvDirectoryFormat.MEDIA_TYPE, YamlDirectoryFormat.MEDIA_TYPE})
    @RolesAllowed({"security-lead", "auditor"})
    public Response export(@QueryParam("format") String format) throws JsonProcessingException {
        Caller who = caller.current();
        if ("yaml".equalsIgnoreCase(format)) {
            return Response.ok(
                            YAML.writeValueAsString(directory.directory(who)),
                            YamlDirectoryFormat.MEDIA_TYPE + ";charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + who.organisation() + "-directory.yaml\"")
                    .build();
        }
        return Response.ok(
                        CsvDirectoryFormat.write(directory.csvRows(who)),
                        CsvDirectoryFormat.MEDIA_TYPE + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + who.organisation() + "-directory.csv\"")
                .build();
    }

    /**
     * Replaces the directory with a CSV ({@code text/csv}) or YAML ({@code application/yaml}) file, all or
     * nothing: 200 with what was imported, or 422 problem+json listing every error with its line (nothing
     * changed). {@code dryRun=true} only checks.
     */
    @PUT
    @Consumes({CsvDirectoryFormat.MEDIA_TYPE, YamlDirectoryFormat.MEDIA_TYPE, "application/x-yaml", "text/yaml"})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("security-lead")
    public DirectoryImportService.ImportResult importDirectory(
            String body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @QueryParam("dryRun") boolean dryRun) {
        DirectoryRows rows = contentType != null && contentType.toLowerCase().contains("csv")
                ? CsvDirectoryFormat.read(body == null ? "" : body)
                : YamlDirectoryFormat.read(body == null ? "" : body);
        if (rows.units.isEmpty() && rows.people.isEmpty() && rows.unreadable.isEmpty()) {
            throw ProblemException.unprocessable(
                    "invalid-directory",
                    Message.text("組織情報を取り込めません", "Directory not imported"),
                    Message.text(
                            "部署も人もいない組織情報は取り込めません。何も変更していません。",
                            "A directory without units or people cannot be imported. Nothing was changed."),
                    List.of());
        }
        return imports.importDirectory(caller.current(), rows, dryRun);
    }
}
