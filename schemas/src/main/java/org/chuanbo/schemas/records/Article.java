package org.chuanbo.schemas.records;

import static org.chuanbo.schemas.RejectReason.INVALID_VALUE;
import static org.chuanbo.schemas.RejectReason.MISSING_VALUE;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.chuanbo.schemas.ValidationProblem;

/**
 * One version of an article's metadata from the CMS: the Java side of the Avro record {@code
 * org.chuanbo.avro.Article}. Nullable fields and millisecond times as in {@link
 * DisseminationEvent}.
 *
 * @param office the publishing office's code ({@link Office#code()}), kept as a string so that an
 *     unknown code can be represented and rejected by {@link #validate}
 */
public record Article(
    String articleId,
    String title,
    String office,
    String series,
    ContentType contentType,
    String editor,
    Instant publishedAt,
    Instant updatedAt) {

  /** Full name of the Avro record. */
  public static final String AVRO_NAME = "org.chuanbo.avro.Article";

  /**
   * How far in the future of the reader's clock updated_at may be: since the latest updated_at
   * wins, a version stamped far ahead would hide every later correction.
   */
  public static final Duration MAX_FUTURE_SKEW = Duration.ofDays(1);

  /**
   * No piece of ours was published or saved before this; an earlier time is a CMS's zero or a unit
   * mistake, and one far enough back (Long.MIN_VALUE ms) is no time ClickHouse can store at all.
   */
  public static final Instant EARLIEST_TIME = Instant.parse("2000-01-01T00:00:00Z");

  /**
   * How far ahead of the reader's clock a piece may be scheduled: an editor plans weeks ahead, not
   * years; a later published_at is a placeholder (9999-12-31), and past 2299 no DateTime64 holds
   * it, so storing it would fail the insert on every restart.
   */
  public static final Duration MAX_SCHEDULE_AHEAD = Duration.ofDays(366);

  public Article {
    publishedAt = publishedAt == null ? null : publishedAt.truncatedTo(ChronoUnit.MILLIS);
    updatedAt = updatedAt == null ? null : updatedAt.truncatedTo(ChronoUnit.MILLIS);
  }

  /** The article in a record of {@code schema} (the current version, from the codec). */
  public GenericRecord toGenericRecord(Schema schema) {
    return GenericRecordFields.build(
        schema,
        b ->
            b.set("article_id", articleId)
                .set("title", title)
                .set("office", office)
                .set("series", series)
                .set(
                    "content_type",
                    GenericRecordFields.enumSymbol(schema, "content_type", contentType))
                .set("editor", editor)
                .set("published_at", GenericRecordFields.millis(publishedAt))
                .set("updated_at", GenericRecordFields.millis(updatedAt)));
  }

  /** The article in a decoded record of any version; unknown content types become OTHER. */
  public static Article fromGenericRecord(GenericRecord record) {
    GenericRecordFields.requireName(record, AVRO_NAME);
    return new Article(
        GenericRecordFields.string(record, "article_id"),
        GenericRecordFields.string(record, "title"),
        GenericRecordFields.string(record, "office"),
        GenericRecordFields.string(record, "series"),
        GenericRecordFields.symbol(record, "content_type", ContentType.class, ContentType.OTHER),
        GenericRecordFields.string(record, "editor"),
        GenericRecordFields.instant(record, "published_at"),
        GenericRecordFields.instant(record, "updated_at"));
  }

  /**
   * What is wrong with this version, judged at {@code now}; empty when nothing is. published_at may
   * lie in the future (scheduled publishing); updated_at may not.
   */
  public List<ValidationProblem> validate(Instant now) {
    List<ValidationProblem> problems = new ArrayList<>();
    RequiredText.check(problems, "article_id", articleId);
    RequiredText.check(problems, "title", title);
    RequiredText.check(problems, "editor", editor);
    if (RequiredText.isBlank(office)) {
      problems.add(new ValidationProblem("office", MISSING_VALUE, "missing or blank"));
    } else if (Office.fromCode(office).isEmpty()) {
      problems.add(
          new ValidationProblem(
              "office", INVALID_VALUE, "'" + office + "' is none of hz, bb, pg, zs, zp, fc"));
    }
    if (contentType == null) {
      problems.add(new ValidationProblem("content_type", MISSING_VALUE, "missing"));
    }
    if (publishedAt == null) {
      problems.add(new ValidationProblem("published_at", MISSING_VALUE, "missing"));
    } else if (publishedAt.isBefore(EARLIEST_TIME)) {
      problems.add(
          new ValidationProblem(
              "published_at", INVALID_VALUE, publishedAt + " is before " + EARLIEST_TIME));
    } else if (publishedAt.isAfter(now.plus(MAX_SCHEDULE_AHEAD))) {
      problems.add(
          new ValidationProblem(
              "published_at",
              INVALID_VALUE,
              publishedAt
                  + " is more than "
                  + MAX_SCHEDULE_AHEAD.toDays()
                  + " days after "
                  + now
                  + ": a placeholder, not a schedule"));
    }
    if (updatedAt == null) {
      problems.add(new ValidationProblem("updated_at", MISSING_VALUE, "missing"));
    } else if (updatedAt.isAfter(now.plus(MAX_FUTURE_SKEW))) {
      problems.add(
          new ValidationProblem(
              "updated_at",
              INVALID_VALUE,
              updatedAt + " is more than " + MAX_FUTURE_SKEW.toHours() + " h after " + now));
    } else if (updatedAt.isBefore(EARLIEST_TIME)) {
      problems.add(
          new ValidationProblem(
              "updated_at", INVALID_VALUE, updatedAt + " is before " + EARLIEST_TIME));
    }
    return problems;
  }
}
