package org.chuanbo.jobs.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.chuanbo.jobs.clickhouse.RefusedRows;

/**
 * Rows ClickHouse refused, into the dead-letter topic beside the records the job refused: the row
 * (a JSON line, ids already pseudonymised) as the value, reason {@link #REASON}, ClickHouse's
 * message as the detail, and the table it was meant for. At least once: a row refused again after a
 * restart, before its checkpoint completed, is sent again.
 */
public final class RefusedRowsTopic implements RefusedRows {

  /** The reason header of a row ClickHouse refused. */
  public static final String REASON = "REFUSED_BY_CLICKHOUSE";

  /** The table the refused row was meant for. */
  public static final String SOURCE_TABLE = "chuanbo.source.table";

  private static final long SEND_TIMEOUT_SECONDS = 60;

  private final String bootstrapServers;
  private final String topic;
  private transient KafkaProducer<byte[], byte[]> producer;

  public RefusedRowsTopic(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  @Override
  public void refuse(String table, byte[] row, String reason) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(DeadLetterSerializer.REASON, utf8(REASON));
    headers.add(DeadLetterSerializer.DETAIL, utf8(DeadLetterSerializer.headerText(reason)));
    headers.add(SOURCE_TABLE, utf8(table));
    headers.add(DeadLetterSerializer.REJECTED_AT, utf8(Instant.now().toString()));
    try {
      producer()
          .send(new ProducerRecord<>(topic, null, null, null, row, headers))
          .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while keeping a refused row", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not keep a refused row in " + topic, e);
    }
  }

  private KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers,
                  ProducerConfig.ACKS_CONFIG,
                  "all"),
              new ByteArraySerializer(),
              new ByteArraySerializer());
    }
    return producer;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close();
    }
  }
}
