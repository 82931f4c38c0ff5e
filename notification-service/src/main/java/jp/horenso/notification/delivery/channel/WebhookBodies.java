package jp.horenso.notification.delivery.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import jp.horenso.notification.config.NotificationConfig;
import jp.horenso.notification.recipient.WebhookFormat;

/**
 * Writes the body of a webhook request in the receiver's format. Only what the message already says goes in —
 * subject, sentences, case numbers, severities and links — never anything about the persons a case concerns.
 */
@ApplicationScoped
public class WebhookBodies {

    static final String OPEN_CASE = "事案を開く / Open the case";
    /**
     * Webhooks post into shared channels (Teams, Slack, Mattermost) or into other systems whose readers we do not
     * know (generic): they never carry the one-click acknowledgement link, which is the recipient's alone. Where a
     * notice asks for an acknowledgement they link to the case's page in the signed-in web console instead.
     */
    static final String ACKNOWLEDGE = "コンソールで受領を記録する / Acknowledge in the console";
    /** Slack refuses more than 50 blocks in a message. */
    static final int MAX_SLACK_ITEMS = 45;

    private final ObjectMapper mapper;
    private final String consoleBaseUrl;

    public WebhookBodies(ObjectMapper mapper, NotificationConfig config) {
        this.mapper = mapper;
        this.consoleBaseUrl = config.consoleBaseUrl().replaceAll("/+$", "");
    }

    /** The case's page in the web console, where the signed-in recipient acknowledges. */
    String consoleLink(MessageItem item) {
        return consoleBaseUrl + "/cases/" + item.incidentId();
    }

    /** Where a chat's acknowledge button leads: the console (never the one-click link), or null without one. */
    private String acknowledgeLink(MessageItem item) {
        return item.ackLink() == null ? null : consoleLink(item);
    }

    /** The UTF-8 JSON body for the message's webhook format. */
    public byte[] body(OutgoingMessage message) {
        WebhookFormat format = message.endpoint().format();
        ObjectNode body = switch (format == null ? WebhookFormat.GENERIC : format) {
            case GENERIC -> generic(message);
            case TEAMS -> teams(message);
            case SLACK -> slack(message);
            case MATTERMOST -> mattermost(message);
        };
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write webhook body", e);
        }
    }

    /** Horenso's own format: the message and its items, for systems that process notifications. */
    ObjectNode generic(OutgoingMessage m) {
        ObjectNode body = mapper.createObjectNode();
        body.put("version", 1);
        body.put("notificationId", m.notificationId().toString());
        body.put("kind", m.isDigest() ? "DIGEST" : m.items().get(0).kind().name());
        body.put("subject", m.subject());
        body.put("text", m.summary());
        // The moment of sending, outside any transaction (nothing is recorded with it): this machine's clock.
        body.put("sentAt", Instant.now().toString());
        ArrayNode items = body.putArray("items");
        for (MessageItem item : m.items()) {
            ObjectNode i = items.addObject();
            i.put("notificationId", item.notificationId().toString());
            i.put("incidentId", item.incidentId().toString());
            i.put("incidentNumber", item.incidentNumber());
            i.put("kind", item.kind().name());
            i.put("severity", item.severity());
            i.put("drill", item.drill());
            i.put("subject", item.subject());
            i.put("caseLink", item.caseLink());
            i.put("consoleLink", consoleLink(item));
            // Whether the notice asks the recipient to acknowledge (in the console; never a one-click link here).
            i.put("acknowledgementRequested", item.ackLink() != null);
            i.put("copyOf", item.copyOf());
        }
        return body;
    }

    /** A Teams message with an Adaptive Card (accepted by incoming webhooks and by Workflows webhooks). */
    ObjectNode teams(OutgoingMessage m) {
        ObjectNode card = mapper.createObjectNode();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode blocks = card.putArray("body");
        textBlock(blocks, m.subject()).put("weight", "Bolder").put("size", "Medium");
        textBlock(blocks, m.isDigest() ? digestIntro(m) : m.summary());
        if (m.isDigest()) {
            for (MessageItem item : m.items()) {
                textBlock(
                        blocks,
                        item.subject() + "\n\n[" + OPEN_CASE + "](" + item.caseLink() + ")"
                                + (item.ackLink() == null
                                        ? ""
                                        : " · [" + ACKNOWLEDGE + "](" + acknowledgeLink(item) + ")"));
            }
        } else {
            MessageItem item = m.items().get(0);
            ArrayNode actions = card.putArray("actions");
            openUrl(actions, OPEN_CASE, item.caseLink());
            if (item.ackLink() != null) {
                openUrl(actions, ACKNOWLEDGE, acknowledgeLink(item));
            }
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("type", "message");
        ObjectNode attachment = body.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        attachment.set("content", card);
        return body;
    }

    /** A Slack incoming-webhook message: {@code text} for notifications, Block Kit for the channel. */
    ObjectNode slack(OutgoingMessage m) {
        ObjectNode body = mapper.createObjectNode();
        body.put("text", m.subject());
        ArrayNode blocks = body.putArray("blocks");
        mrkdwn(
                blocks,
                "*" + slackEscape(m.subject()) + "*\n" + slackEscape(m.isDigest() ? digestIntro(m) : m.summary()));
        if (m.isDigest()) {
            m.items().stream()
                    .limit(MAX_SLACK_ITEMS)
                    .forEach(item -> mrkdwn(
                            blocks,
                            slackEscape(item.subject())
                                    + "\n<" + item.caseLink() + "|" + OPEN_CASE + ">"
                                    + (item.ackLink() == null
                                            ? ""
                                            : "   <" + acknowledgeLink(item) + "|" + ACKNOWLEDGE + ">")));
            if (m.items().size() > MAX_SLACK_ITEMS) {
                mrkdwn(
                        blocks,
                        "ほか " + (m.items().size() - MAX_SLACK_ITEMS) + " 件 / and "
                                + (m.items().size() - MAX_SLACK_ITEMS) + " more");
            }
        } else {
            MessageItem item = m.items().get(0);
            ArrayNode buttons = blocks.addObject().put("type", "actions").putArray("elements");
            button(buttons, OPEN_CASE, item.caseLink());
            if (item.ackLink() != null) {
                button(buttons, ACKNOWLEDGE, acknowledgeLink(item)).put("style", "primary");
            }
        }
        return body;
    }

    /** A Mattermost incoming-webhook message in Markdown. */
    ObjectNode mattermost(OutgoingMessage m) {
        StringBuilder text = new StringBuilder("#### ")
                .append(m.subject())
                .append('\n')
                .append(m.isDigest() ? digestIntro(m) : m.summary())
                .append('\n');
        for (MessageItem item : m.items()) {
            text.append('\n');
            if (m.isDigest()) {
                text.append("- ").append(item.subject()).append(" — ");
            }
            text.append('[')
                    .append(OPEN_CASE)
                    .append("](")
                    .append(item.caseLink())
                    .append(')');
            if (item.ackLink() != null) {
                text.append(" · [")
                        .append(ACKNOWLEDGE)
                        .append("](")
                        .append(acknowledgeLink(item))
                        .append(')');
            }
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("username", "Horenso");
        body.put("text", text.toString());
        return body;
    }

    private static String digestIntro(OutgoingMessage m) {
        return "短い間に届いた " + m.items().size() + " 件の通知をまとめてお送りします。 / "
                + m.items().size() + " notifications that reached you within a short time.";
    }

    private ObjectNode textBlock(ArrayNode blocks, String text) {
        return blocks.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
    }

    private void openUrl(ArrayNode actions, String title, String url) {
        actions.addObject().put("type", "Action.OpenUrl").put("title", title).put("url", url);
    }

    private void mrkdwn(ArrayNode blocks, String text) {
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", text);
    }

    private ObjectNode button(ArrayNode elements, String text, String url) {
        ObjectNode button = elements.addObject().put("type", "button").put("url", url);
        button.putObject("text").put("type", "plain_text").put("text", text);
        return button;
    }

    /** Slack's three control characters in mrkdwn text. */
    static String slackEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
