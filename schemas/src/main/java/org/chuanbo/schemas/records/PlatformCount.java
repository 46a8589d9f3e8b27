package org.chuanbo.schemas.records;

import static org.chuanbo.schemas.RejectReason.INVALID_VALUE;
import static org.chuanbo.schemas.RejectReason.MISSING_VALUE;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.chuanbo.schemas.ValidationProblem;

/**
 * A platform's own counts for one article, channel and Asia/Shanghai day, as of a time: the Java
 * side of the Avro record {@code org.chuanbo.avro.PlatformCount} (topic {@code
 * chuanbo.platform_counts}). For one (article, channel, day) the report with the latest {@code
 * asOf} replaces every earlier one (equal {@code asOf}: the greater {@code reportId}); it never
 * adds to them (DOMAIN.md, "Platform-reported counts").
 *
 * <p>Nullable references and millisecond times as in {@link DisseminationEvent}, so that a broken
 * report can be represented and {@link #validate}d. The four counts are primitives: the schema
 * makes them non-null longs, so a decoded record always has them, and a negative one is what {@link
 * #validate} rejects.
 *
 * @param day the Asia/Shanghai day the counts cover
 * @param asOf when the platform took the counts
 */
public record PlatformCount(
    String reportId,
    String articleId,
    Channel channel,
    LocalDate day,
    Instant asOf,
    long views,
    long shares,
    long likes,
    long comments) {

  /** Full name of the Avro record. */
  public static final String AVRO_NAME = "org.chuanbo.avro.PlatformCount";

  /**
   * How far in the future of the reader's clock as_of may be: since the latest as_of wins, a report
   * stamped far ahead would hide every later revision.
   */
  public static final Duration MAX_FUTURE_SKEW = Duration.ofDays(1);

  /** No day of ours lies before this; earlier ones are a zero or a unit mistake. */
  public static final LocalDate EARLIEST_DAY = LocalDate.of(2000, 1, 1);

  /**
   * The most one report may count (views, shares, likes or comments of one piece on one platform in
   * one day): 10^10, a hundred times a day of the whole province's traffic. A larger count is a
   * broken counter, and it is what keeps the job's sums safe: an article's totals add up its
   * reports over every channel and day (and engagements add four of them), which stays below 2^63
   * only while each count is bounded; two reports of Long.MAX_VALUE made the total negative and the
   * article_spread insert fail on every restart.
   */
  public static final long MAX_COUNT = 10_000_000_000L;

  /** The zone of {@code day}'s boundaries (DOMAIN.md: always Asia/Shanghai). */
  public static final ZoneId DAY_ZONE = ZoneId.of("Asia/Shanghai");

  public PlatformCount {
    asOf = asOf == null ? null : asOf.truncatedTo(ChronoUnit.MILLIS);
  }

  /** The report in a record of {@code schema} (the current version, from the codec). */
  public GenericRecord toGenericRecord(Schema schema) {
    return GenericRecordFields.build(
        schema,
        b ->
            b.set("report_id", reportId)
                .set("article_id", articleId)
                .set("channel", GenericRecordFields.enumSymbol(schema, "channel", channel))
                .set("day", GenericRecordFields.epochDay(day))
                .set("as_of", GenericRecordFields.millis(asOf))
                .set("views", views)
                .set("shares", shares)
                .set("likes", likes)
                .set("comments", comments));
  }

  /**
   * The report in a decoded record of any version; a channel this Java code does not know becomes
   * UNKNOWN. {@code day} may be the int days since 1970-01-01 the codec delivers or a {@link
   * LocalDate}.
   *
   * @throws IllegalArgumentException if the record is of another type, or a count is absent (only a
   *     record built by hand can lack one)
   */
  public static PlatformCount fromGenericRecord(GenericRecord record) {
    GenericRecordFields.requireName(record, AVRO_NAME);
    return new PlatformCount(
        GenericRecordFields.string(record, "report_id"),
        GenericRecordFields.string(record, "article_id"),
        GenericRecordFields.symbol(record, "channel", Channel.class, Channel.UNKNOWN),
        GenericRecordFields.localDate(record, "day"),
        GenericRecordFields.instant(record, "as_of"),
        GenericRecordFields.requiredLong(record, "views"),
        GenericRecordFields.requiredLong(record, "shares"),
        GenericRecordFields.requiredLong(record, "likes"),
        GenericRecordFields.requiredLong(record, "comments"));
  }

  /**
   * What is wrong with the report, judged at {@code now} (the reader's clock); empty when nothing
   * is. The day may not lie after the Shanghai date of {@code now + MAX_FUTURE_SKEW}, as_of not
   * more than {@link #MAX_FUTURE_SKEW} after {@code now}, and not before the day began: a report
   * cannot be taken before its day began.
   */
  public List<ValidationProblem> validate(Instant now) {
    List<ValidationProblem> problems = new ArrayList<>();
    RequiredText.check(problems, "report_id", reportId);
    RequiredText.check(problems, "article_id", articleId);
    Channel.check(problems, channel);
    Instant latest = now.plus(MAX_FUTURE_SKEW);
    if (day == null) {
      problems.add(new ValidationProblem("day", MISSING_VALUE, "missing"));
    } else if (day.isBefore(EARLIEST_DAY)) {
      problems.add(new ValidationProblem("day", INVALID_VALUE, day + " is before " + EARLIEST_DAY));
    } else if (day.isAfter(LocalDate.ofInstant(latest, DAY_ZONE))) {
      problems.add(
          new ValidationProblem(
              "day",
              INVALID_VALUE,
              day + " is after " + LocalDate.ofInstant(latest, DAY_ZONE) + ", a day after " + now));
    }
    if (asOf == null) {
      problems.add(new ValidationProblem("as_of", MISSING_VALUE, "missing"));
    } else if (asOf.isAfter(latest)) {
      problems.add(
          new ValidationProblem(
              "as_of",
              INVALID_VALUE,
              asOf + " is more than " + MAX_FUTURE_SKEW.toHours() + " h after " + now));
    } else if (day != null && asOf.isBefore(day.atStartOfDay(DAY_ZONE).toInstant())) {
      problems.add(
          new ValidationProblem(
              "as_of",
              INVALID_VALUE,
              asOf
                  + " is before "
                  + day
                  + " began: a report cannot be taken before its day began"));
    }
    checkCount(problems, "views", views);
    checkCount(problems, "shares", shares);
    checkCount(problems, "likes", likes);
    checkCount(problems, "comments", comments);
    return problems;
  }

  private static void checkCount(List<ValidationProblem> problems, String field, long value) {
    if (value < 0) {
      problems.add(new ValidationProblem(field, INVALID_VALUE, "negative: " + value));
    } else if (value > MAX_COUNT) {
      problems.add(
          new ValidationProblem(
              field,
              INVALID_VALUE,
              value + " is more than the " + MAX_COUNT + " a report may count"));
    }
  }
}
