package org.chuanbo.jobs.tables;

import java.util.ArrayList;
import java.util.List;
import org.chuanbo.jobs.clickhouse.RowMapping;
import org.chuanbo.jobs.spread.DisseminationIndex;
import org.chuanbo.jobs.spread.DisseminationIndex.Component;

/**
 * {@code chuanbo.di_config} (schemas/clickhouse/0008_article_spread.sql): the released
 * dissemination-index versions, one row per component, so that {@code di_recompute.sql} needs
 * nothing but the database.
 */
public final class DiConfigTable {

  /** One component of one version. */
  public record Row(int version, String component, int position, double weight, double cap) {}

  public static final RowMapping<Row> MAPPING =
      RowMapping.<Row>into("chuanbo.di_config")
          .unsigned("version", "UInt16", Row::version)
          .lowCardinality("component", Row::component)
          .unsigned("position", "UInt8", Row::position)
          .float64("weight", Row::weight)
          .float64("cap", Row::cap)
          .build();

  private DiConfigTable() {}

  /** The rows of one version, in summation order. */
  public static List<Row> rows(DisseminationIndex index) {
    List<Row> rows = new ArrayList<>();
    for (Component component : Component.values()) {
      rows.add(
          new Row(
              index.version(),
              component.key(),
              component.ordinal() + 1,
              index.weight(component),
              index.cap(component)));
    }
    return rows;
  }
}
