package org.chuanbo.jobs.corpus;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.Topics;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.PlatformCount;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;

/**
 * Checks that a corpus entry expected to be stored was stored as sent: one row per id in the table
 * its topic feeds, every column equal to the record's value (user ids excepted: they are stored
 * pseudonymised), and the entry's own checks. Reports every difference instead of the first.
 */
public final class StoredRows {

  private static final SchemaCatalog CATALOG = SchemaCatalog.released();

  private final Client client;

  public StoredRows(Client client) {
    this.client = client;
  }

  /** What differs between the entry's records and their rows; empty when all were stored right. */
  public List<String> differences(CorpusEntry entry) {
    if (!(entry.expected() instanceof ExpectedOutcome.Stored stored)) {
      throw new IllegalArgumentException(entry.name() + " is not expected to be stored");
    }
    List<String> differences = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (byte[] value : entry.values()) {
      Table table = Table.of(entry.topic());
      Map<String, String> sent = sentColumns(entry.topic(), decode(entry.topic(), value));
      String id = sent.remove(table.keyColumn);
      if (!ids.add(id)) {
        continue; // a repeat of an id already compared (the same event delivered twice)
      }
      List<GenericRecord> rows =
          client.queryAll(
              "SELECT "
                  + String.join(", ", table.columns)
                  + " FROM "
                  + table.name
                  + " WHERE "
                  + table.keyColumn
                  + " = {id:String}",
              Map.of("id", id));
      if (rows.size() != 1) {
        differences.add(entry.name() + ": " + rows.size() + " rows for " + id + ", not 1");
        continue;
      }
      GenericRecord row = rows.get(0);
      sent.forEach(
          (column, value1) -> {
            String actual = row.getString(column);
            if (!Objects.equals(actual, value1)) {
              differences.add(
                  entry.name()
                      + " "
                      + id
                      + ": "
                      + column
                      + " is "
                      + shorten(actual)
                      + ", sent "
                      + shorten(value1));
            }
          });
      for (ExpectedOutcome.Check check : stored.checks()) {
        String actual =
            client
                .queryAll(
                    "SELECT toString("
                        + check.expression()
                        + ") FROM "
                        + table.name
                        + " WHERE "
                        + table.keyColumn
                        + " = {id:String}",
                    Map.of("id", id))
                .get(0)
                .getString(1);
        if (!check.expected().equals(actual)) {
          differences.add(
              entry.name()
                  + " "
                  + id
                  + ": "
                  + check.expression()
                  + " is "
                  + actual
                  + ", not "
                  + check.expected());
        }
      }
    }
    return differences;
  }

  /** The table a topic's records are stored in, its id column, and the columns compared. */
  private enum Table {
    EVENTS(
        "chuanbo.events",
        "event_id",
        "event_id",
        "event_type",
        "toUnixTimestamp64Milli(event_time) AS event_time_ms",
        "article_id",
        "channel",
        "terminal",
        "region",
        "share_id",
        "via_share_id",
        "outlet",
        "toString(duration_ms) AS duration_text",
        "toString(arraySort(mapKeys(attributes))) AS attribute_keys",
        "toString(arraySort(mapValues(attributes))) AS attribute_values",
        "toString(isNull(person_id)) AS person_absent"),
    ARTICLES(
        "chuanbo.articles",
        "article_id",
        "article_id",
        "title",
        "office",
        "series",
        "content_type",
        "editor",
        "toUnixTimestamp64Milli(published_at) AS published_ms",
        "toUnixTimestamp64Milli(updated_at) AS updated_ms"),
    PLATFORM_COUNTS(
        "chuanbo.platform_count_reports",
        "report_id",
        "report_id",
        "article_id",
        "channel",
        "toString(day) AS day_text",
        "toUnixTimestamp64Milli(as_of) AS as_of_ms",
        "views",
        "shares",
        "likes",
        "comments");

    final String name;
    final String keyColumn;
    final List<String> columns;

    Table(String name, String keyColumn, String... columns) {
      this.name = name;
      this.keyColumn = keyColumn;
      this.columns = Arrays.asList(columns);
    }

    static Table of(String topic) {
      return switch (topic) {
        case Topics.EVENTS -> EVENTS;
        case Topics.ARTICLES -> ARTICLES;
        case Topics.PLATFORM_COUNTS -> PLATFORM_COUNTS;
        default -> throw new IllegalArgumentException(topic);
      };
    }
  }

  /** The record's columns as ClickHouse's toString would print them, key column included. */
  private static Map<String, String> sentColumns(String topic, Object record) {
    Map<String, String> sent = new TreeMap<>();
    switch (topic) {
      case Topics.EVENTS -> {
        DisseminationEvent e = (DisseminationEvent) record;
        sent.put("event_id", e.eventId());
        sent.put("event_type", e.eventType().name());
        sent.put("event_time_ms", Long.toString(e.eventTime().toEpochMilli()));
        sent.put("article_id", e.articleId());
        sent.put("channel", e.channel().name());
        sent.put("terminal", e.terminal().name());
        sent.put("region", e.region());
        sent.put("share_id", e.shareId());
        sent.put("via_share_id", e.viaShareId());
        sent.put("outlet", e.outlet());
        sent.put("duration_text", e.durationMs() == null ? null : e.durationMs().toString());
        sent.put("attribute_keys", arrayText(e.attributes().keySet().stream().sorted().toList()));
        sent.put("attribute_values", arrayText(e.attributes().values().stream().sorted().toList()));
        sent.put("person_absent", e.personId() == null ? "1" : "0");
      }
      case Topics.ARTICLES -> {
        Article a = (Article) record;
        sent.put("article_id", a.articleId());
        sent.put("title", a.title());
        sent.put("office", a.office());
        sent.put("series", a.series() == null ? "" : a.series());
        sent.put("content_type", a.contentType().name());
        sent.put("editor", a.editor());
        sent.put("published_ms", Long.toString(a.publishedAt().toEpochMilli()));
        sent.put("updated_ms", Long.toString(a.updatedAt().toEpochMilli()));
      }
      case Topics.PLATFORM_COUNTS -> {
        PlatformCount p = (PlatformCount) record;
        sent.put("report_id", p.reportId());
        sent.put("article_id", p.articleId());
        sent.put("channel", p.channel().name());
        sent.put("day_text", p.day().toString());
        sent.put("as_of_ms", Long.toString(p.asOf().toEpochMilli()));
        sent.put("views", Long.toString(p.views()));
        sent.put("shares", Long.toString(p.shares()));
        sent.put("likes", Long.toString(p.likes()));
        sent.put("comments", Long.toString(p.comments()));
      }
      default -> throw new IllegalArgumentException(topic);
    }
    return sent;
  }

  /** An Array(String) as ClickHouse's toString prints it: ['a','b'], quotes escaped. */
  private static String arrayText(List<String> values) {
    List<String> quoted = new ArrayList<>();
    for (String value : values) {
      quoted.add("'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'");
    }
    return "[" + String.join(",", quoted) + "]";
  }

  private static Object decode(String topic, byte[] value) {
    try {
      return switch (topic) {
        case Topics.EVENTS ->
            DisseminationEvent.fromGenericRecord(codec(DisseminationEvent.AVRO_NAME).decode(value));
        case Topics.ARTICLES -> Article.fromGenericRecord(codec(Article.AVRO_NAME).decode(value));
        case Topics.PLATFORM_COUNTS ->
            PlatformCount.fromGenericRecord(codec(PlatformCount.AVRO_NAME).decode(value));
        default -> throw new IllegalArgumentException(topic);
      };
    } catch (RejectedRecordException e) {
      throw new IllegalStateException("a corpus record expected to be stored does not decode", e);
    }
  }

  private static AvroSingleObjectCodec codec(String recordName) {
    return AvroSingleObjectCodec.forRecord(CATALOG, recordName);
  }

  private static String shorten(String text) {
    if (text == null) {
      return "NULL";
    }
    return text.length() <= 80
        ? "'" + text + "'"
        : "'" + text.substring(0, 80) + "…' (" + text.length() + " chars)";
  }
}
