package jp.horenso.incident.document.service;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import jp.horenso.incident.document.Document;

/**
 * Renders a document with its Qute template to HTML, and that HTML to PDF with openhtmltopdf. The PDF embeds the
 * subset of IPAexGothic (fonts/ipaexg.ttf, IPA Font License beside it) its text uses, so it reads the same on a
 * machine without Japanese fonts.
 */
@ApplicationScoped
public class DocumentRenderer {

    /** The font family name the template's CSS asks for. */
    static final String FONT_FAMILY = "IPAexGothic";

    private static final String FONT_RESOURCE = "/fonts/ipaexg.ttf";

    private final Template document;
    private volatile byte[] font;

    public DocumentRenderer(@Location("documents/document.html") Template document) {
        this.document = document;
    }

    /** The document as a standalone XHTML page (styles inline, no script). */
    public String html(Document d) {
        return document.data("d", d).data("l", d.labels()).render();
    }

    public byte[] pdf(Document d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            // Subset (the default): only the glyphs the document uses are embedded.
            builder.useFont(() -> new ByteArrayInputStream(font()), FONT_FAMILY);
            builder.withHtmlContent(html(d), null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private byte[] font() {
        byte[] bytes = font;
        if (bytes == null) {
            try (InputStream in = DocumentRenderer.class.getResourceAsStream(FONT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(FONT_RESOURCE + " is missing from the application");
                }
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            font = bytes;
        }
        return bytes;
    }
}
