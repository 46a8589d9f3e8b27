package org.chuanbo.cli.stack;

/** The local stack's addresses (ARCHITECTURE.md: Kafka 9092, ClickHouse HTTP 8123, Flink 8081). */
public record StackPorts(int kafka, int clickHouse, int flink) {

  /** Where the stack listens unless told otherwise. */
  public static final StackPorts DEFAULTS = new StackPorts(9092, 8123, 8081);

  public String kafkaAddress() {
    return "127.0.0.1:" + kafka;
  }

  public String clickHouseUrl() {
    return "http://127.0.0.1:" + clickHouse;
  }

  public String flinkUrl() {
    return "http://127.0.0.1:" + flink;
  }
}
