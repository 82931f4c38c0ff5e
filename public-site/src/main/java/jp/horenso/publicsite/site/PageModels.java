package jp.horenso.publicsite.site;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** What the page templates read: every text already in the page's language, every link ready to use. */
public final class PageModels {

    private PageModels() {}

    /** A disclosure on a page or in the feed. */
    @TemplateData
    public record Item(
            String url,
            String number,
            String title,
            String datetime,
            String date,
            String method,
            String summary,
            String body,
            List<String> measures,
            List<Ref> followUps,
            List<Ref> earlier) {}

    /** A link to another publication of the same case. */
    @TemplateData
    public record Ref(String url, String number, String title, String datetime, String date, List<String> measures) {}

    /** An organisation on the start page. */
    @TemplateData
    public record OrganisationLink(String url, String name) {}
}
