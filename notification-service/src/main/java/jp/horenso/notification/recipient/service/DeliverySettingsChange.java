package jp.horenso.notification.recipient.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jp.horenso.notification.delivery.Channel;
import jp.horenso.notification.recipient.RecipientChannel;

/**
 * What a change of someone's delivery settings did, as written to the organisation's administrative trail
 * ({@code DELIVERY_SETTINGS_CHANGED}): the route before and after as channels and kinds ({@code MAIL},
 * {@code WEBHOOK/TEAMS}), and per position what changed. Never a webhook URL (for chats it is the access token), a
 * secret or a mail address: only that one changed.
 *
 * @param routeBefore the channels before, in failover order
 * @param routeAfter the channels after, in failover order
 * @param changes per route position: ADDED, REMOVED, REPLACED (another channel or kind), TARGET_CHANGED (another
 *     URL or mail address), SECRET_CHANGED
 * @param digestWindowBefore ISO-8601, or null for none
 * @param digestWindowAfter ISO-8601, or null for none
 */
public record DeliverySettingsChange(
        List<String> routeBefore,
        List<String> routeAfter,
        List<PositionChange> changes,
        String digestWindowBefore,
        String digestWindowAfter) {

    /** What changed at one position of the route. */
    public record PositionChange(int position, String change, String before, String after) {}

    /** Whether anything changed at all (an unchanged save is not recorded). */
    public boolean changed() {
        return !changes.isEmpty() || !Objects.equals(digestWindowBefore, digestWindowAfter);
    }

    static DeliverySettingsChange of(
            List<RecipientChannel> stored,
            List<DeliverySettings.ChannelSetting> wanted,
            Duration windowBefore,
            Duration windowAfter) {
        List<String> before =
                stored.stream().map(c -> kind(c.channel(), c.webhookFormat())).toList();
        List<String> after =
                wanted.stream().map(c -> kind(c.channel(), c.format())).toList();
        List<PositionChange> changes = new ArrayList<>();
        for (int i = 0; i < Math.max(stored.size(), wanted.size()); i++) {
            if (i >= stored.size()) {
                changes.add(new PositionChange(i, "ADDED", null, after.get(i)));
            } else if (i >= wanted.size()) {
                changes.add(new PositionChange(i, "REMOVED", before.get(i), null));
            } else if (!before.get(i).equals(after.get(i))) {
                changes.add(new PositionChange(i, "REPLACED", before.get(i), after.get(i)));
            } else if (!Objects.equals(
                    stored.get(i).address(), blankToNull(wanted.get(i).address()))) {
                changes.add(new PositionChange(i, "TARGET_CHANGED", before.get(i), after.get(i)));
            } else if (!Objects.equals(
                    stored.get(i).secret(), blankToNull(wanted.get(i).secret()))) {
                changes.add(new PositionChange(i, "SECRET_CHANGED", before.get(i), after.get(i)));
            }
        }
        return new DeliverySettingsChange(
                before,
                after,
                List.copyOf(changes),
                windowBefore == null ? null : windowBefore.toString(),
                windowAfter == null ? null : windowAfter.toString());
    }

    private static String kind(Channel channel, Object format) {
        return format == null ? String.valueOf(channel) : channel + "/" + format;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
