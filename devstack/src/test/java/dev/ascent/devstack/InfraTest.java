package dev.ascent.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/** Starts the local infrastructure twice on the same data directory and checks data survives and no process is left. */
class InfraTest {

    private static final String TOPIC = "devstack.infra-test";
    private static final String GROUP = "devstack-infra-test";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void kafkaAndMongoWorkAndKeepTheirDataAcrossARestart() throws Exception {
        assertTrue(Infra.setting(Infra.KAFKA_BOOTSTRAP_SERVERS).isEmpty() && Infra.setting(Infra.MONGODB_URI).isEmpty(),
                "unset KAFKA_BOOTSTRAP_SERVERS and MONGODB_URI: this test checks the local infrastructure");
        Infra.Ports ports = Infra.Ports.free();
        Set<Long> childrenBefore = aliveDescendants();

        long firstStart = System.nanoTime();
        try (Infra infra = Infra.start(dataDir, ports)) {
            System.out.printf("first start ready in %d ms (Kafka format + start to ready %d ms): %s%n",
                    millisSince(firstStart), infra.kafkaBroker().orElseThrow().lastStartupTime().toMillis(), infra);
            assertTrue(infra.kafkaBroker().isPresent() && infra.mongoProcess().isPresent(), "both started locally");
            assertTrue(aliveDescendants().size() >= childrenBefore.size() + 2, "a broker and a MongoDB process run");
            assertEquals("127.0.0.1:" + ports.kafka(), infra.kafkaBootstrapServers());
            assertEquals("mongodb://127.0.0.1:" + ports.mongo(), infra.mongoUri());

            infra.createTopics(Map.of(TOPIC, 3));
            infra.createTopics(Map.of(TOPIC, 3)); // idempotent
            assertEquals(3, partitionCount(infra, TOPIC));

            produce(infra, "key-1", "hello, kafka");
            ConsumerRecord<String, String> consumed = consumeWithGroup(infra);
            assertEquals("hello, kafka", consumed.value());

            try (MongoClient client = MongoClients.create(infra.mongoUri())) {
                MongoCollection<Document> things = client.getDatabase("ascent_test").getCollection("things");
                things.insertOne(new Document("_id", "doc-1").append("value", 42));
                assertEquals(42, things.find(Filters.eq("_id", "doc-1")).first().getInteger("value"));
            }
        }
        assertEquals(childrenBefore, aliveDescendants(), "no child process left after close()");

        long secondStart = System.nanoTime();
        try (Infra infra = Infra.start(dataDir, ports)) {
            System.out.printf("restart ready in %d ms (Kafka start to ready %d ms): %s%n",
                    millisSince(secondStart), infra.kafkaBroker().orElseThrow().lastStartupTime().toMillis(), infra);
            infra.createTopics(Map.of(TOPIC, 3)); // still idempotent after a restart

            try (MongoClient client = MongoClients.create(infra.mongoUri())) {
                Document survivor = client.getDatabase("ascent_test").getCollection("things")
                        .find(Filters.eq("_id", "doc-1")).first();
                assertNotNull(survivor, "the document survived the restart");
                assertEquals(42, survivor.getInteger("value"));
            }

            ConsumerRecord<String, String> again = readFromBeginning(infra);
            assertEquals("key-1", again.key());
            assertEquals("hello, kafka", again.value());
            assertEquals(again.offset() + 1, committedOffset(infra, new TopicPartition(TOPIC, again.partition())),
                    "the consumer group's committed offset survived the restart");
        }
        assertEquals(childrenBefore, aliveDescendants(), "no child process left after the second close()");
    }

    private static void produce(Infra infra, String key, String value) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Joins a consumer group, reads the one record and commits its offset. */
    private static ConsumerRecord<String, String> consumeWithGroup(Infra infra) {
        Properties config = consumerConfig(infra);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(TOPIC));
            ConsumerRecord<String, String> record = pollOne(consumer);
            consumer.commitSync(Map.of(new TopicPartition(TOPIC, record.partition()),
                    new OffsetAndMetadata(record.offset() + 1)));
            return record;
        }
    }

    /** Reads the topic from the beginning without a group. */
    private static ConsumerRecord<String, String> readFromBeginning(Infra infra) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(infra))) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, DEADLINE).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return pollOne(consumer);
        }
    }

    private static ConsumerRecord<String, String> pollOne(KafkaConsumer<String, String> consumer) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() - end < 0) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                return record;
            }
        }
        return fail("no record on " + TOPIC + " within " + DEADLINE);
    }

    private static Properties consumerConfig(Infra infra) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return config;
    }

    private static int partitionCount(Infra infra, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)
                    .get(topic).partitions().size();
        }
    }

    private static long committedOffset(Infra infra, TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata()
                    .get(DEADLINE.toSeconds(), TimeUnit.SECONDS).get(partition);
            assertNotNull(committed, "a committed offset for " + partition);
            return committed.offset();
        }
    }

    private static Set<Long> aliveDescendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    private static long millisSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1_000_000;
    }
}
