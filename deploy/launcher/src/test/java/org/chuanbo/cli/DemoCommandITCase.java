package org.chuanbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.chuanbo.cli.stack.StackCredentials;
import org.chuanbo.cli.stack.StackLayout;
import org.chuanbo.cli.stack.StackState;
import org.chuanbo.dashboards.console.NamedQueries;
import org.chuanbo.dashboards.console.TopArticlesReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./chuanbo demo} from an empty project state: it ends with a top 10 that SQL recounts. */
class DemoCommandITCase {

  @TempDir Path root;

  @Test
  void shouldEndWithATopTenThatARecountFromEventsConfirms() throws Exception {
    CliProcess demo =
        CliProcess.run(root, List.of("demo", "--rate", "0.2"), CliProcess.freeStackPorts());
    try {
      demo.expectSuccess();
      String output = demo.output();
      assertThat(output).contains("传播力前十的稿件").contains("排名").contains("./chuanbo article ");

      StackState stack = StackState.readFrom(StackLayout.in(root).stateFile()).orElseThrow();
      try (Client client =
          StackCredentials.readIfPresent(StackLayout.in(root).credentials())
              .orElseThrow()
              .reader(stack.ports().clickHouseUrl())
              .newClient()) {
        List<TopArticlesReport.Line> top = TopArticlesReport.query(new NamedQueries(client), 10);
        assertThat(top).hasSize(10);
        for (TopArticlesReport.Line line : top) {
          GenericRecord recount =
              client
                  .queryAll(
                      "SELECT countIf(event_type = 'VIEW'), uniqExactIf(reach_key, event_type = 'VIEW'),"
                          + " countIf(event_type = 'SHARE'), countIf(event_type = 'REPOST')"
                          + " FROM chuanbo.events WHERE article_id = {id:String}",
                      Map.of("id", line.articleId()))
                  .get(0);
          assertThat(List.of(line.views(), line.reach(), line.shares(), line.reposts()))
              .as(line.articleId())
              .containsExactly(
                  recount.getLong(1), recount.getLong(2), recount.getLong(3), recount.getLong(4));
          assertThat(output).contains(String.format("%,d", line.views()));
        }
        // Every article of the demo has its spread, and its stored DI is what SQL recomputes.
        String articlesSeen =
            "SELECT uniqExact(article_id) FROM (SELECT article_id FROM chuanbo.events"
                + " UNION ALL SELECT article_id FROM chuanbo.platform_count_reports)";
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    client.queryAll("SELECT count() FROM chuanbo.article_spread").get(0).getLong(1)
                        == client.queryAll(articlesSeen).get(0).getLong(1));
        List<GenericRecord> recomputed = new NamedQueries(client).run("di_recompute", Map.of());
        assertThat(recomputed).hasSizeGreaterThan(10);
        for (GenericRecord row : recomputed) {
          assertThat(row.getDouble("di"))
              .as("DI of " + row.getString("article_id"))
              .isEqualTo(row.getDouble("stored_di"));
        }
        CliProcess article =
            CliProcess.run(root, "article", top.get(0).articleId()).expectSuccess();
        assertThat(article.output())
            .contains(top.get(0).title())
            .contains("各渠道传播情况")
            .contains("贺州先锋微信公众号")
            .contains("最近 60 分钟");
      }
    } finally {
      CliProcess.run(root, "stack", "down").expectSuccess();
    }
  }
}
