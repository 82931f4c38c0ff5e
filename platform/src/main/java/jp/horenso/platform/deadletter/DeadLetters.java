package jp.horenso.platform.deadletter;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jp.horenso.platform.events.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.Config;

/**
 * The dead-letter topics of this service's consumers (every {@code mp.messaging.incoming.*.dead-letter-queue.topic})
 * and how many records wait on each: the records after what {@link DeadLetterReplay} last replayed.
 */
@ApplicationScoped
public class DeadLetters {

    private final Config config;
    private final Set<String> topics;
    private Admin admin;

    public DeadLetters(Config config) {
        this.config = config;
        Set<String> found = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".dead-letter-queue.topic")) {
                config.getOptionalValue(name, String.class).ifPresent(found::add);
            }
        }
        this.topics = Set.copyOf(found);
    }

    public Set<String> topics() {
        return topics;
    }

    /** Records waiting per dead-letter topic (0 for a topic nothing was ever dead-lettered to). */
    public Map<String, Long> depths() throws Exception {
        Map<String, Long> depths = new TreeMap<>();
        Admin kafka = admin();
        Map<String, org.apache.kafka.clients.admin.TopicDescription> described = new HashMap<>();
        for (String topic : topics) {
            try {
                described.put(
                        topic,
                        kafka.describeTopics(List.of(topic))
                                .allTopicNames()
                                .get(10, TimeUnit.SECONDS)
                                .get(topic));
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                depths.put(topic, 0L);
            }
        }
        for (var entry : described.entrySet()) {
            String topic = entry.getKey();
            List<TopicPartition> partitions = entry.getValue().partitions().stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = kafka.listOffsets(
                            partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all()
                    .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start = kafka.listOffsets(
                            partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest())))
                    .all()
                    .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> replayed = kafka.listConsumerGroupOffsets(
                            DeadLetterReplay.replayGroup(topic))
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            long depth = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = replayed == null ? null : replayed.get(partition);
                long from = Math.max(start.get(partition).offset(), done == null ? 0 : done.offset());
                depth += Math.max(0, end.get(partition).offset() - from);
            }
            depths.put(topic, depth);
        }
        return depths;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> settings = KafkaSettings.of(config);
            settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
            settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
            admin = Admin.create(settings);
        }
        return admin;
    }

    synchronized void close(@Observes ShutdownEvent shutdown) {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }
}
