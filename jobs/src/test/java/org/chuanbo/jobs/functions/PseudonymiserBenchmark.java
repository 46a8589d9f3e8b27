package org.chuanbo.jobs.functions;

import java.util.concurrent.TimeUnit;
import org.chuanbo.jobs.GeneratedDay;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@link Pseudonymiser#pseudonym} (HMAC-SHA-256, hex), per id, over the user ids of a generated
 * day as collectors send them. {@link DecodeEvents} calls it once per event for the user and again
 * for the person id when there is one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PseudonymiserBenchmark {

  private final Pseudonymiser pseudonymiser = new Pseudonymiser(GeneratedDay.PSEUDONYM_KEY);
  private String[] userIds;
  private int next;

  @Setup
  public void readUserIds() throws Exception {
    AvroSingleObjectCodec codec =
        AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), DisseminationEvent.AVRO_NAME);
    userIds = new String[GeneratedDay.RECORDS];
    var records = GeneratedDay.get().records();
    int read = 0;
    for (int i = 0; read < userIds.length; i = (i + 1) % records.length) {
      try {
        String userId =
            DisseminationEvent.fromGenericRecord(codec.decode(records[i].value())).userId();
        if (userId != null) {
          userIds[read++] = userId;
        }
      } catch (RejectedRecordException malformed) {
        // The day's malformed records have no id to pseudonymise.
      }
    }
  }

  @Benchmark
  public String pseudonym() {
    return pseudonymiser.pseudonym(userIds[next++ & (GeneratedDay.RECORDS - 1)]);
  }
}
