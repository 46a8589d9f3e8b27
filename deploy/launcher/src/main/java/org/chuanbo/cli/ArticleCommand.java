package org.chuanbo.cli;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.util.List;
import java.util.Map;
import org.chuanbo.cli.report.ConsoleTable;
import org.chuanbo.cli.report.NamedQueries;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./chuanbo article <id>}: one piece in the terminal, as an editor checks it. */
@Command(
    name = "article",
    mixinStandardHelpOptions = true,
    description =
        "Shows one piece: views per channel, its last 60 minutes of activity per minute, shares, reposts, outlets.")
final class ArticleCommand implements Runnable {

  @Parameters(
      paramLabel = "ARTICLE_ID",
      description = "The article's id (./chuanbo demo lists some).")
  String articleId;

  @Option(
      names = "--clickhouse",
      description =
          "ClickHouse HTTP URL (default: the running stack's, else http://127.0.0.1:8123).")
  String url;

  @Override
  public void run() {
    ClickHouseEndpoint endpoint =
        url != null
            ? new ClickHouseEndpoint(url, "default", "")
            : StackCommand.runningOrDefaultPorts().clickHouseEndpoint();
    try (Client client = endpoint.newClient()) {
      NamedQueries queries = new NamedQueries(client);
      Map<String, Object> id = Map.of("article_id", articleId);
      List<GenericRecord> header = queries.run("article_header", id);
      List<GenericRecord> channels = queries.run("article_by_channel", id);
      if (header.isEmpty() && channels.isEmpty()) {
        throw new IllegalArgumentException(
            "no article '"
                + articleId
                + "' in "
                + endpoint.url()
                + " (./chuanbo demo lists article ids)");
      }
      if (!header.isEmpty()) {
        GenericRecord a = header.get(0);
        System.out.printf(
            "《%s》%n%s · %s · 编辑 %s · 发布于 %s%n%n",
            a.getString("title"),
            a.getString("office"),
            a.getString("series"),
            a.getString("editor"),
            a.getString("published_at"));
      }
      ConsoleTable byChannel =
          new ConsoleTable(
              List.of("渠道", "阅读/播放量", "分享数", "转载数", "点赞", "评论", "平均时长(秒)"),
              List.of(false, true, true, true, true, true, true));
      for (GenericRecord row : channels) {
        byChannel.row(
            List.of(
                row.getString("channel_name"),
                row.getString("views"),
                row.getString("shares"),
                row.getString("reposts"),
                row.getString("likes"),
                row.getString("comments"),
                row.getString("engaged_seconds")));
      }
      System.out.println("各渠道传播情况");
      System.out.println(byChannel.render());

      ConsoleTable lastHour =
          new ConsoleTable(List.of("分钟", "阅读/播放量", "分享数", ""), List.of(false, true, true, false));
      for (GenericRecord row : queries.run("article_last_hour", id)) {
        long views = row.getLong("views");
        lastHour.row(
            List.of(
                row.getString("minute"),
                Long.toString(views),
                row.getString("shares"),
                "█".repeat((int) Math.min(40, views))));
      }
      System.out.println("最近 60 分钟（截至最后一次有数据的分钟）");
      System.out.println(lastHour.render());

      List<GenericRecord> outlets = queries.run("article_outlets", id);
      System.out.println("转载媒体");
      if (outlets.isEmpty()) {
        System.out.println("  （暂无转载）");
      }
      for (GenericRecord row : outlets) {
        System.out.println("  " + row.getString("outlet") + " × " + row.getString("reposts"));
      }
    }
  }
}
