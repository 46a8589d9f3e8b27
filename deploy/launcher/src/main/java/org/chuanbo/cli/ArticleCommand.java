package org.chuanbo.cli;

import com.clickhouse.client.api.Client;
import java.io.PrintWriter;
import org.chuanbo.dashboards.console.ArticleReport;
import org.chuanbo.dashboards.console.NamedQueries;
import org.chuanbo.jobs.clickhouse.ClickHouseEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./chuanbo article <id>}: one piece in the terminal, as an editor checks it. */
@Command(
    name = "article",
    mixinStandardHelpOptions = true,
    description = {
      "Shows one piece: how it spread, its share tree, its DI and its last 60 minutes.",
      "Reach, effective and counted views (with the platform's own reports), direct and",
      "via-share views, amplification, shares per generation, structural virality, the",
      "dissemination index component by component, views per channel and per minute,",
      "and the outlets that reposted it."
    })
final class ArticleCommand implements Runnable {

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "ARTICLE_ID",
      description = "The article's id (./chuanbo demo lists some).")
  String articleId;

  @Mixin ClickHouseOption clickHouse = new ClickHouseOption();

  @Override
  public void run() {
    ClickHouseEndpoint endpoint = clickHouse.endpoint();
    PrintWriter out = spec.commandLine().getOut();
    // picocli's writer flushes on println only, and the launcher exits without flushing it.
    try (Client client = endpoint.newClient()) {
      if (!new ArticleReport(new NamedQueries(client), out).print(articleId)) {
        throw new IllegalArgumentException(
            "no article '"
                + articleId
                + "' in "
                + endpoint.url()
                + " (./chuanbo demo lists article ids)");
      }
    } finally {
      out.flush();
    }
  }
}
