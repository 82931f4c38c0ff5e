package jp.horenso.platform.outbox;

import java.util.concurrent.CompletableFuture;

/** Hands one record to the broker; the future completes when the broker has acknowledged it. */
@FunctionalInterface
public interface RecordSender {

    CompletableFuture<Void> send(String topic, String key, String value);
}
