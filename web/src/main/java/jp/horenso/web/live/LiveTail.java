package jp.horenso.web.live;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads the case topics for the live updates, from their newest record on, only while someone watches: it starts
 * when the first stream opens on this instance and stops once none has been open for {@link LiveConfig#linger()}.
 * Nobody watching costs the console and the broker nothing (issue 13: the console's consumers used to read every
 * fact all day, ~4 ms of CPU per report, plus the broker's fetches for them).
 *
 * <p>No consumer group: the instance takes every partition of the topics itself ({@code assign}) and starts at
 * their ends; it commits no offsets and leaves no group behind on the broker when it stops or restarts. A stream
 * gets only what comes after it opened, so nothing earlier is ever needed. The client settings are the console's
 * {@code kafka.*} ones (the broker's address and, in production, TLS and SCRAM), as for any Kafka client of Quarkus.
 */
@ApplicationScoped
public class LiveTail {

    private static final Logger LOG = Logger.getLogger(LiveTail.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** How often the topics' partitions are looked up again (a topic may gain partitions, or not exist yet). */
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(60);

    private static final Duration AFTER_FAILURE = Duration.ofSeconds(5);

    private final Map<String, Object> kafka;
    private final LiveConfig config;

    /** The reading thread while there is one; guarded by {@code this}. */
    private Thread reader;
    /** Its consumer, to wake it at shutdown; guarded by {@code this}. */
    private KafkaConsumer<String, String> consumer;

    private volatile boolean closed;

    public LiveTail(@Identifier("default-kafka-broker") Map<String, Object> kafka, LiveConfig config) {
        this.kafka = kafka;
        this.config = config;
    }

    /**
     * Makes sure the topics are being read: each record's value goes to {@code sink}, until {@code watched} has said
     * "nobody" for the linger time. The caller counts its watcher before calling, so that a reader about to stop
     * either sees the watcher or has already let go of its place for a new one.
     */
    public synchronized void follow(BooleanSupplier watched, Consumer<String> sink) {
        if (reader != null || closed) {
            return;
        }
        reader = new Thread(() -> read(watched, sink), "horenso-live-tail");
        reader.setDaemon(true);
        reader.start();
    }

    /** Whether a reading thread runs (tests). */
    synchronized boolean reading() {
        return reader != null;
    }

    void onStop(@Observes ShutdownEvent stop) {
        Thread stopping;
        synchronized (this) {
            closed = true;
            stopping = reader;
            if (consumer != null) {
                consumer.wakeup();
            }
        }
        if (stopping != null) {
            try {
                stopping.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void read(BooleanSupplier watched, Consumer<String> sink) {
        long lastWatched = System.nanoTime();
        try {
            while (!closed) {
                try (KafkaConsumer<String, String> client = new KafkaConsumer<>(settings())) {
                    synchronized (this) {
                        consumer = client;
                    }
                    if (closed) {
                        return;
                    }
                    List<TopicPartition> partitions = List.of();
                    long lookedAt = 0;
                    while (!closed) {
                        if (partitions.isEmpty() || System.nanoTime() - lookedAt > LOOK_AGAIN.toNanos()) {
                            partitions = assignAll(client, partitions);
                            lookedAt = System.nanoTime();
                        }
                        if (partitions.isEmpty()) {
                            Thread.sleep(POLL.toMillis());
                        } else {
                            for (ConsumerRecord<String, String> record : client.poll(POLL)) {
                                sink.accept(record.value());
                            }
                        }
                        if (watched.getAsBoolean()) {
                            lastWatched = System.nanoTime();
                        } else if (System.nanoTime() - lastWatched
                                        > config.linger().toNanos()
                                && letGo(watched)) {
                            return;
                        }
                    }
                } catch (WakeupException e) {
                    return; // shutting down
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    LOG.warnf("live updates: reading the case topics failed, trying again: %s", e.toString());
                    sleep(AFTER_FAILURE);
                    if (!watched.getAsBoolean() && letGo(watched)) {
                        return;
                    }
                }
            }
        } finally {
            synchronized (this) {
                consumer = null;
                if (reader == Thread.currentThread()) {
                    reader = null;
                }
            }
        }
    }

    /** Gives up the reader's place unless someone watches again; a later stream starts a new reader. */
    private synchronized boolean letGo(BooleanSupplier watched) {
        if (watched.getAsBoolean()) {
            return false;
        }
        reader = null;
        return true;
    }

    /** Assigns every partition of the topics; partitions not read before start at their end. */
    private List<TopicPartition> assignAll(KafkaConsumer<String, String> client, List<TopicPartition> before) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : config.topics()) {
            List<PartitionInfo> infos = client.partitionsFor(topic);
            if (infos != null) {
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        if (before.containsAll(partitions)) {
            return before; // nothing new (or the topics not there yet)
        }
        List<TopicPartition> added = new ArrayList<>(partitions);
        added.removeAll(before);
        client.assign(partitions);
        client.seekToEnd(added);
        return partitions;
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>(kafka);
        // Quarkus fills in the application's name as group.id; a group would commit offsets and outlive the reader.
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "horenso-web-live");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return settings;
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
