package jp.horenso.notification.delivery.service;

import java.util.ArrayList;
import java.util.List;

/** The tries inside one delivery attempt (the first and the in-process retries) and their errors, for the log. */
public final class Tries {

    private int count;
    private final List<String> errors = new ArrayList<>();

    void started() {
        count++;
    }

    void failed(String error) {
        errors.add("#" + count + ": " + error);
    }

    /** How many tries were made; at least one. */
    public int count() {
        return Math.max(count, 1);
    }

    /** The errors of the failed tries, or null when there were none. */
    public String errors() {
        return errors.isEmpty() ? null : String.join(" | ", errors);
    }
}
