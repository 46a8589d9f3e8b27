package org.chuanbo.kafka.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code server.properties} of one KRaft node that is broker and controller at once.
 *
 * <p>Kafka's defaults assume three or more brokers; on one node the internal topics could never
 * reach their replication factor or min ISR, so consumer groups and transactions would fail.
 * Everything else stays at Kafka's defaults unless a line below says why.
 */
final class SingleNodeServerConfig {

  static final int NODE_ID = 1;

  private SingleNodeServerConfig() {}

  static Map<String, String> properties(BrokerDirectory directory, int port, int controllerPort) {
    String host = LoopbackPorts.HOST;
    Map<String, String> p = new LinkedHashMap<>();

    // Identity and listeners: one node, static voter set (so storage formats without
    // --standalone), loopback only.
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("process.roles", "broker,controller");
    p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.put("log.dirs", directory.logDirectory().toString());

    // One replica of everything: there is no second broker to hold another.
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");

    // Internal topics with 4 partitions instead of 50: the first consumer group and the first
    // transaction create them and wait for every partition's coordinator to load; one node
    // gains nothing from 50.
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.num.partitions", "4");
    p.put("share.coordinator.state.topic.num.partitions", "4");

    // Consumers get their partitions at once; the 3 s default only helps groups that start
    // many members together, and makes every test wait.
    p.put("group.initial.rebalance.delay.ms", "0");

    // Flink's exactly-once Kafka sink keeps a transaction open across checkpoints and may ask
    // for a transaction timeout up to an hour; the broker refuses anything above this maximum
    // (default 15 min) when the producer initialises.
    p.put("transaction.max.timeout.ms", String.valueOf(Duration.ofHours(1).toMillis()));

    // The log cleaner (compaction of chuanbo.articles) allocates its dedupe buffer on the heap
    // at start; 128 MB by default is a quarter of our heap. 32 MB holds about a million keys
    // per cleaning pass, far more than the article count.
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(32L * 1024 * 1024));
    return p;
  }

  static void write(Path file, Map<String, String> properties) {
    List<String> lines = new ArrayList<>();
    lines.add("# Written by org.chuanbo.kafka.local.LocalKafka at every start; edits are lost.");
    // Only backslashes need escaping in values; keys here are plain.
    properties.forEach((key, value) -> lines.add(key + "=" + value.replace("\\", "\\\\")));
    try {
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
