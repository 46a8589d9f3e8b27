package org.chuanbo.clickhouse.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementHeadTest {

  @Test
  void shouldFindTheFormatClauseOfASelect() {
    StatementHead head = StatementHead.of("SELECT 1 FORMAT JSONEachRow");
    assertThat(head.firstKeyword()).isEqualTo("SELECT");
    assertThat(head.format()).contains("JSONEachRow");
    assertThat(head.insertData()).isEmpty();
  }

  @Test
  void shouldIgnoreFormatInsideStringsCommentsAndFunctionCalls() {
    assertThat(StatementHead.of("SELECT 'x FORMAT CSV' -- FORMAT TSV\n").format()).isEmpty();
    assertThat(StatementHead.of("SELECT format('{}', 1) /* FORMAT XML */").format()).isEmpty();
    assertThat(StatementHead.of("SELECT `FORMAT` FROM t").format()).isEmpty();
  }

  @Test
  void shouldLocateTheDataOfAnInsertWithFormat() {
    String sql = "INSERT INTO t (a, b) FORMAT RowBinary\n\n\u0000binary";
    StatementHead.InsertData data = StatementHead.of(sql).insertData().orElseThrow();
    assertThat(data.dataFormat()).isEqualTo("RowBinary");
    assertThat(sql.substring(0, data.clauseAt())).isEqualTo("INSERT INTO t (a, b) ");
    // Only the first newline separates; the second is already data (the byte 0x0A).
    assertThat(sql.substring(data.dataAt())).isEqualTo("\n\u0000binary");
  }

  @Test
  void shouldTreatValuesAsDataInValuesFormat() {
    String sql = "INSERT INTO t VALUES (1, 'a'), (2, 'b')";
    StatementHead.InsertData data = StatementHead.of(sql).insertData().orElseThrow();
    assertThat(data.dataFormat()).isEqualTo("Values");
    assertThat(sql.substring(data.dataAt())).isEqualTo(" (1, 'a'), (2, 'b')");
  }

  @Test
  void shouldPutFromInfileBeforeSettings() {
    String sql = "INSERT INTO t SETTINGS async_insert = 0 FORMAT CSV\n1,2\n";
    StatementHead.InsertData data = StatementHead.of(sql).insertData().orElseThrow();
    assertThat(sql.substring(0, data.infileAt())).isEqualTo("INSERT INTO t ");
    assertThat(sql.substring(data.infileAt(), data.clauseAt()))
        .isEqualTo("SETTINGS async_insert = 0 ");
  }

  @Test
  void shouldLeaveInsertSelectAlone() {
    assertThat(
            StatementHead.of("INSERT INTO t SELECT * FROM input('a UInt8') FORMAT CSV\n1\n")
                .insertData())
        .isEmpty();
    assertThat(StatementHead.of("INSERT INTO t SELECT number FROM numbers(3)").insertData())
        .isEmpty();
  }
}
