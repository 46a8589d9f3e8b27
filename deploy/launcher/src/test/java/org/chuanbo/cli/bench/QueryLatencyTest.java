package org.chuanbo.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every report query gets a value for each of its parameters, bound as the report code binds them,
 * so a query added to dashboards/queries/ with a new parameter fails here, not in a long bench run.
 */
class QueryLatencyTest {

  private static final QueryLatency.Scope SCOPE =
      new QueryLatency.Scope(
          LocalDateTime.of(2026, 10, 30, 20, 0),
          LocalDateTime.of(2026, 11, 29, 13, 0, 1),
          1_761_825_600L,
          1_764_392_401L,
          "bench-a-0000");

  @Test
  void shouldBindEveryParameterOfEveryReportQuery() {
    Map<String, String> queries = ReportQueryFiles.all();

    assertThat(queries)
        .containsKeys("trending", "monthly_figures", "article_spread", "di_recompute");
    for (Map.Entry<String, String> query : queries.entrySet()) {
      QueryLatency.parameters(query.getValue(), SCOPE); // throws on a parameter it cannot bind
    }
  }

  @Test
  void shouldBindTimesAsShanghaiTextOrEpochSecondsByTheirType() {
    Map<String, Object> parameters =
        QueryLatency.parameters(
            "SELECT {from:DateTime64(3, 'Asia/Shanghai')}, {to_day:Date}, {office:String}", SCOPE);

    assertThat(parameters)
        .containsEntry("from", "2026-10-30 20:00:00")
        .containsEntry("to_day", "2026-11-29")
        .containsEntry("office", "");
    assertThat(QueryLatency.parameters("SELECT {from:Int64}", SCOPE))
        .containsEntry("from", 1_761_825_600L);
  }

  @Test
  void shouldSplitTheLoadScriptIntoStatementsWithTheRowCount() {
    assertThat(
            QueryLoad.statements(
                "-- header {rows}\nTRUNCATE TABLE a;\n\nINSERT INTO a\nSELECT * FROM numbers({rows});\n",
                1234))
        .containsExactly("TRUNCATE TABLE a", "INSERT INTO a\nSELECT * FROM numbers(1234)");
  }
}
