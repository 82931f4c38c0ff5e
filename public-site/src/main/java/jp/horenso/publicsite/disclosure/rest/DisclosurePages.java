package jp.horenso.publicsite.disclosure.rest;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.horenso.publicsite.config.PublicSiteConfig;
import jp.horenso.publicsite.disclosure.Disclosure;
import jp.horenso.publicsite.disclosure.client.IncidentServiceClient;
import jp.horenso.publicsite.site.PageModels.Item;
import jp.horenso.publicsite.site.PageModels.OrganisationLink;
import jp.horenso.publicsite.site.PageModels.Ref;
import jp.horenso.publicsite.site.SiteTexts;

/**
 * The public pages, no login (第43条5項, 第44条7項): each organisation's published disclosures newest first, one
 * disclosure with its recurrence-prevention follow-ups, and an Atom feed for the press. Japanese, English with
 * {@code ?lang=en}. Only the fields a disclosure publishes reach a page.
 */
@Path("/")
public class DisclosurePages {

    private static final int PAGE_SIZE = 20;
    private static final int SUMMARY_LENGTH = 160;

    private final IncidentServiceClient upstream;
    private final PublicSiteConfig config;
    private final Template list;
    private final Template disclosure;
    private final Template index;
    private final Template error;
    private final Template feed;

    public DisclosurePages(
            IncidentServiceClient upstream,
            PublicSiteConfig config,
            @Location("pages/list.html") Template list,
            @Location("pages/disclosure.html") Template disclosure,
            @Location("pages/index.html") Template index,
            @Location("pages/error.html") Template error,
            @Location("pages/feed.xml") Template feed) {
        this.upstream = upstream;
        this.config = config;
        this.list = list;
        this.disclosure = disclosure;
        this.index = index;
        this.error = error;
        this.feed = feed;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance start(@QueryParam("lang") String lang) {
        SiteTexts t = SiteTexts.of(lang);
        List<OrganisationLink> organisations = config.organisations().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new OrganisationLink(
                        link("/" + e.getKey() + "/", t),
                        "en".equals(t.lang()) ? e.getValue().en() : e.getValue().ja()))
                .toList();
        return page(index, t, t.t("site.name"), "/", link("/", t)).data("organisations", organisations);
    }

    /** The list; {@code /demo-city} and {@code /demo-city/} both reach it (JAX-RS ignores the final slash). */
    @GET
    @Path("{organisation}/")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance disclosures(
            @PathParam("organisation") String organisation,
            @QueryParam("lang") String lang,
            @QueryParam("page") Integer pageNumber) {
        String name = name(organisation(organisation), lang);
        SiteTexts t = SiteTexts.of(lang);
        int page = pageNumber == null || pageNumber < 0 ? 0 : Math.min(pageNumber, 10_000);
        Disclosure.Page found = upstream.list(organisation, page, PAGE_SIZE);
        List<Item> items =
                found.items().stream().map(d -> item(organisation, d, t)).toList();
        String base = "/" + organisation + "/";
        String previous = page > 0 ? link(base, t) + (t.lang().equals("en") ? "&" : "?") + "page=" + (page - 1) : null;
        String next = (long) (page + 1) * PAGE_SIZE < found.total()
                ? link(base, t) + (t.lang().equals("en") ? "&" : "?") + "page=" + (page + 1)
                : null;
        String heading = t.t("list.heading", name);
        return page(list, t, name, base, link(base, t))
                .data("heading", heading)
                .data("items", items)
                .data("count", t.t("list.count", found.total()))
                .data("previousUrl", previous)
                .data("nextUrl", next)
                .data("feedUrl", link(base + "feed.atom", t));
    }

    @GET
    @Path("{organisation}/disclosures/{publicId}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance disclosure(
            @PathParam("organisation") String organisation,
            @PathParam("publicId") String publicId,
            @QueryParam("lang") String lang) {
        String name = name(organisation(organisation), lang);
        SiteTexts t = SiteTexts.of(lang);
        int number = number(publicId);
        Disclosure d = upstream.one(organisation, number).orElseThrow(PageNotFoundException::new);
        String base = "/" + organisation + "/";
        return page(disclosure, t, name, base + "disclosures/" + number, link(base, t))
                .data("d", item(organisation, d, t))
                .data("feedUrl", link(base + "feed.atom", t));
    }

    @GET
    @Path("{organisation}/feed.atom")
    @Produces("application/atom+xml;charset=utf-8")
    public TemplateInstance atom(@PathParam("organisation") String organisation, @QueryParam("lang") String lang) {
        String name = name(organisation(organisation), lang);
        SiteTexts t = SiteTexts.of(lang);
        Disclosure.Page found = upstream.list(organisation, 0, 50);
        String site = config.baseUrl().replaceAll("/+$", "");
        List<Item> entries = found.items().stream()
                .map(d -> item(organisation, d, t))
                .map(i -> new Item(
                        site + i.url(),
                        i.number(),
                        i.title(),
                        i.datetime(),
                        i.date(),
                        i.method(),
                        i.summary(),
                        i.body()
                                + (i.measures().isEmpty()
                                        ? ""
                                        : "\n\n" + t.t("recurrence.heading") + "\n・"
                                                + String.join("\n・", i.measures())),
                        i.measures(),
                        i.followUps(),
                        i.earlier()))
                .toList();
        OffsetDateTime updated = found.items().stream()
                .map(Disclosure::publishedAt)
                .max(OffsetDateTime::compareTo)
                .orElse(OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        String self = site + link("/" + organisation + "/feed.atom", t);
        return feed.data("lang", t.lang())
                .data("feedId", self)
                .data("title", t.t("feed.title", name))
                .data("siteName", name)
                .data("updated", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(updated))
                .data("selfUrl", self)
                .data("homeUrl", site + link("/" + organisation + "/", t))
                .data(
                        "entries",
                        entries.stream()
                                .map(e -> new FeedEntry(e.url(), e.title(), e.datetime(), e.body()))
                                .toList());
    }

    /** One entry of the Atom feed. */
    @io.quarkus.qute.TemplateData
    public record FeedEntry(String url, String title, String datetime, String content) {}

    private Item item(String organisation, Disclosure d, SiteTexts t) {
        String url = link("/" + organisation + "/disclosures/" + d.publicId(), t);
        String body = d.body() == null ? "" : d.body().in(t.lang());
        String summary = body.length() > SUMMARY_LENGTH ? body.substring(0, SUMMARY_LENGTH) + "…" : body;
        List<Ref> followUps = new ArrayList<>();
        List<Ref> earlier = new ArrayList<>();
        if (d.related() != null) {
            for (Disclosure.Related r : d.related()) {
                Ref ref = new Ref(
                        link("/" + organisation + "/disclosures/" + r.publicId(), t),
                        t.t("publicId", r.publicId()),
                        r.title().in(t.lang()),
                        iso(r.publishedAt()),
                        t.date(r.publishedAt()),
                        r.recurrencePrevention() == null ? List.of() : r.recurrencePrevention());
                (r.followUp() ? followUps : earlier).add(ref);
            }
        }
        return new Item(
                url,
                t.t("publicId", d.publicId()),
                d.title().in(t.lang()),
                iso(d.publishedAt()),
                t.date(d.publishedAt()),
                d.methodLabel() == null ? "" : d.methodLabel().in(t.lang()),
                summary,
                body,
                d.recurrencePrevention() == null ? List.of() : d.recurrencePrevention(),
                followUps,
                earlier);
    }

    private TemplateInstance page(Template template, SiteTexts t, String siteName, String path, String homeUrl) {
        SiteTexts other = SiteTexts.of("en".equals(t.lang()) ? "ja" : "en");
        return template.data("lang", t.lang())
                .data("t", t.all())
                .data("siteName", siteName)
                .data("homeUrl", homeUrl)
                .data("switchUrl", link(path, other));
    }

    /** A path on this site in the page's language: English links carry {@code ?lang=en}. */
    private static String link(String path, SiteTexts t) {
        return "en".equals(t.lang()) ? path + "?lang=en" : path;
    }

    private PublicSiteConfig.Organisation organisation(String code) {
        PublicSiteConfig.Organisation o = config.organisations().get(code);
        if (o == null) {
            throw new PageNotFoundException();
        }
        return o;
    }

    private static String name(PublicSiteConfig.Organisation o, String lang) {
        return "en".equals(lang) ? o.en() : o.ja();
    }

    private static int number(String publicId) {
        try {
            int n = Integer.parseInt(publicId);
            if (n < 1) {
                throw new PageNotFoundException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new PageNotFoundException();
        }
    }

    private static String iso(OffsetDateTime at) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at);
    }

    /** Answers 404 with the site's own page. */
    public static class PageNotFoundException extends RuntimeException {}
}
