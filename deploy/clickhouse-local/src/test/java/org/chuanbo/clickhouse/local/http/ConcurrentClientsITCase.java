package org.chuanbo.clickhouse.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chuanbo.clickhouse.local.http.PlainHttp.encode;
import static org.chuanbo.clickhouse.local.http.PlainHttp.text;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.chuanbo.clickhouse.local.LocalClickHouse;
import org.junit.jupiter.api.Test;

/** The job's sink, a dashboard and an export at once: answers must never cross between clients. */
class ConcurrentClientsITCase {

  private static final int CLIENTS = 8;
  private static final int QUERIES_PER_CLIENT = 1000;

  @Test
  void shouldGiveEveryClientItsOwnAnswers() throws Exception {
    String table = LocalClickHouse.uniqueName("concurrent");
    PlainHttp http = new PlainHttp(LocalClickHouse.url());
    http.post(
        "/",
        "CREATE TABLE "
            + table
            + " (client UInt8, n UInt32) ENGINE = MergeTree ORDER BY (client, n)");
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<Integer>> clients = new ArrayList<>();
      for (int client = 0; client < CLIENTS; client++) {
        int me = client;
        clients.add(pool.submit(() -> runClient(http, table, me)));
      }
      for (Future<Integer> client : clients) {
        assertThat(client.get(5, TimeUnit.MINUTES)).isEqualTo(QUERIES_PER_CLIENT);
      }
    } finally {
      pool.shutdownNow();
    }
    // Every client inserted every tenth query; all of those rows, and no others, are there.
    assertThat(
            text(
                http.get(
                    "/?query=" + encode("SELECT count(), uniqExact(client, n) FROM " + table))))
        .isEqualTo(
            CLIENTS * QUERIES_PER_CLIENT / 10 + "\t" + CLIENTS * QUERIES_PER_CLIENT / 10 + "\n");
  }

  /** Mostly reads whose answer only this client can expect, with an insert every tenth query. */
  private static int runClient(PlainHttp http, String table, int client) {
    int correct = 0;
    for (int i = 0; i < QUERIES_PER_CLIENT; i++) {
      if (i % 10 == 0) {
        var inserted =
            http.post(
                "/?query=" + encode("INSERT INTO " + table + " FORMAT TSV"),
                client + "\t" + i + "\n");
        assertThat(inserted.statusCode()).as("insert: %s", text(inserted)).isEqualTo(200);
        String count =
            text(
                http.get(
                    "/?query="
                        + encode("SELECT count() FROM " + table + " WHERE client = " + client)));
        assertThat(count).isEqualTo((i / 10 + 1) + "\n");
      } else {
        String expected = client + "-" + i;
        String answer =
            text(
                http.get(
                    "/?param_who="
                        + client
                        + "&param_n="
                        + i
                        + "&query="
                        + encode(
                            "SELECT concat(toString({who:UInt8}), '-', toString({n:UInt32}))")));
        assertThat(answer).isEqualTo(expected + "\n");
      }
      correct++;
    }
    return correct;
  }
}
