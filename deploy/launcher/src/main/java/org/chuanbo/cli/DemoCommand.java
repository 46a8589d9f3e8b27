package org.chuanbo.cli;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.chuanbo.cli.stack.StackState;
import org.chuanbo.dashboards.console.NamedQueries;
import org.chuanbo.dashboards.console.TopArticlesReport;
import org.chuanbo.generator.GeneratedStreamFacts;
import org.chuanbo.generator.GeneratorSettings;
import org.chuanbo.generator.OutgoingRecord;
import org.chuanbo.generator.StreamGenerator;
import org.chuanbo.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./chuanbo demo}: the whole product in one command — the stack, a generated day, the job
 * catching up (with progress), and the day's top pieces in Chinese.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Starts the local stack, sends it a generated yesterday and today so far, waits until the job has caught up, and prints the top 10 pieces.")
final class DemoCommand implements Runnable {

  @Mixin StackCommand.PortOptions ports = new StackCommand.PortOptions();

  @Option(
      names = "--seed",
      defaultValue = "20190103",
      description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--rate",
      defaultValue = "1.0",
      description = "Average events per second of the generated days (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--timeout",
      defaultValue = "PT10M",
      description = "How long to wait for the job to catch up (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public void run() {
    StackState stack = StackCommand.Up.start(ports);
    StackCommand.printAddresses(stack);

    // Yesterday and today up to this moment: what the collectors would have sent by now, so the
    // dashboards' "today" and "last 60 minutes" have data as well as yesterday's full day.
    Instant now = Instant.now();
    GeneratorSettings settings =
        new GeneratorSettings(2, seed, rate, GenerateCommand.firstOfLastDays(1));
    System.out.printf("生成 %s 全天与今天至此刻的传播数据（种子 %d）…%n", settings.start(), seed);
    List<OutgoingRecord> records =
        StreamGenerator.generate(settings).stream()
            .filter(record -> record.sendAtMillis() <= now.toEpochMilli())
            .toList();
    GeneratedStreamFacts expected = GeneratedStreamFacts.of(records);
    GenerateCommand.publish(stack.ports().kafkaAddress(), records);

    try (Client client = StackCommand.readerEndpoint(stack.ports()).newClient()) {
      NamedQueries queries = new NamedQueries(client);
      awaitCaughtUp(queries, settings.periodStart(), now, expected);
      List<TopArticlesReport.Line> top = TopArticlesReport.query(queries, 10);
      System.out.println();
      System.out.println("传播力前十的稿件（" + settings.start() + " 至今，全部渠道）");
      System.out.println(TopArticlesReport.render(top));
      System.out.printf(
          "共 %,d 条有效事件；重复 %,d 条已去重；%,d 份微信平台数据报告（取最新一版）；%,d 条坏数据进入死信主题 "
              + Topics.EVENTS_DLQ
              + "。%n",
          expected.events().size(),
          expected.duplicatesDropped(),
          expected.latestPlatformCounts().size(),
          expected.rejectedEventCount()
              + expected.rejectedPlatformCounts().values().stream()
                  .mapToLong(Long::longValue)
                  .sum());
      System.out.println();
      System.out.println("下一步 / where to look next:");
      if (!top.isEmpty()) {
        System.out.println(
            "  ./chuanbo article "
                + top.get(0).articleId()
                + "   一篇稿件：传播概况、分享传播树、传播力指数、各渠道、最近 60 分钟、转载");
      }
      System.out.println("  " + stack.ports().flinkUrl() + "   Flink 作业界面");
      System.out.println(
          "  "
              + stack.ports().clickHouseUrl()
              + "   ClickHouse（库 chuanbo：events, article_minute, articles, article_spread, share_cascade, platform_counts；任意 ClickHouse 客户端）");
      System.out.println("  ./chuanbo stack status | ./chuanbo stack down");
    }
  }

  /** Waits until every generated event sent so far is in ClickHouse, printing progress. */
  private void awaitCaughtUp(
      NamedQueries queries, Instant from, Instant to, GeneratedStreamFacts expected) {
    long target = expected.events().size();
    long views = expected.totals().views();
    // Only the generated day counts (event time), so data of other days does not end the wait.
    Map<String, Object> period =
        Map.of("from", from.getEpochSecond(), "to", to.getEpochSecond() + 1);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      GenericRecord progress = queries.run("ingested_in_period", period).get(0);
      long arrived = progress.getLong("events");
      long counted = progress.getLong("views");
      System.out.printf(
          "\r作业处理中：%,d / %,d 条事件已入库，%,d / %,d 次阅读已汇总", arrived, target, counted, views);
      if (arrived >= target && counted >= views) {
        System.out.println();
        return;
      }
      if (System.nanoTime() > deadline) {
        System.out.println();
        throw new IllegalStateException(
            "the job did not catch up within "
                + timeout
                + "; see ./chuanbo stack status and .chuanbo/stack.log");
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
