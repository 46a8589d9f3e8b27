package org.chuanbo.generator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.chuanbo.schemas.RejectedRecordException;
import org.chuanbo.schemas.catalog.SchemaCatalog;
import org.chuanbo.schemas.records.Article;
import org.chuanbo.schemas.records.DisseminationEvent;
import org.chuanbo.schemas.records.PlatformCount;
import org.chuanbo.schemas.wire.AvroSingleObjectCodec;

/**
 * Streams shared by the tests (generating a day takes about a second, so each is made once per test
 * JVM), and decoding helpers.
 */
final class GeneratedStreams {

  /** A Monday. */
  static final LocalDate MONDAY = LocalDate.of(2024, 3, 4);

  /** One day at the default rate and seed: what {@code ./chuanbo generate} makes by default. */
  static final GeneratorSettings DEFAULT_DAY = GeneratorSettings.defaults(MONDAY);

  private static final AvroSingleObjectCodec EVENTS =
      AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), DisseminationEvent.AVRO_NAME);
  private static final AvroSingleObjectCodec ARTICLES =
      AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), Article.AVRO_NAME);
  private static final AvroSingleObjectCodec PLATFORM_COUNTS =
      AvroSingleObjectCodec.forRecord(SchemaCatalog.released(), PlatformCount.AVRO_NAME);

  private static List<OutgoingRecord> defaultDay;
  private static GeneratedStreamFacts defaultDayFacts;

  private GeneratedStreams() {}

  static synchronized List<OutgoingRecord> defaultDay() {
    if (defaultDay == null) {
      defaultDay = StreamGenerator.generate(DEFAULT_DAY);
    }
    return defaultDay;
  }

  static synchronized GeneratedStreamFacts defaultDayFacts() {
    if (defaultDayFacts == null) {
      defaultDayFacts = GeneratedStreamFacts.of(defaultDay());
    }
    return defaultDayFacts;
  }

  /** The event of a record that must decode (an EVENT or a DUPLICATE). */
  static DisseminationEvent event(OutgoingRecord record) {
    try {
      return DisseminationEvent.fromGenericRecord(EVENTS.decode(record.value()));
    } catch (RejectedRecordException e) {
      throw new AssertionError(record + " does not decode: " + e.getMessage(), e);
    }
  }

  /** The article version of a record that must decode. */
  static Article article(OutgoingRecord record) {
    try {
      return Article.fromGenericRecord(ARTICLES.decode(record.value()));
    } catch (RejectedRecordException e) {
      throw new AssertionError(record + " does not decode: " + e.getMessage(), e);
    }
  }

  /** The platform report of a record that must decode (a PLATFORM_COUNT or its duplicate). */
  static PlatformCount platformCount(OutgoingRecord record) {
    try {
      return PlatformCount.fromGenericRecord(PLATFORM_COUNTS.decode(record.value()));
    } catch (RejectedRecordException e) {
      throw new AssertionError(record + " does not decode: " + e.getMessage(), e);
    }
  }

  /** Why a consumer rejects a platform-count record at its send time, or null if it accepts it. */
  static String platformRejection(OutgoingRecord record) {
    try {
      PlatformCount report =
          PlatformCount.fromGenericRecord(PLATFORM_COUNTS.decode(record.value()));
      var problems = report.validate(Instant.ofEpochMilli(record.sendAtMillis()));
      return problems.isEmpty() ? null : problems.get(0).reason().name();
    } catch (RejectedRecordException e) {
      return e.reason().name();
    }
  }

  /** Why a consumer rejects the event record at its send time, or null if it accepts it. */
  static String rejection(OutgoingRecord record) {
    try {
      DisseminationEvent event =
          DisseminationEvent.fromGenericRecord(EVENTS.decode(record.value()));
      var problems = event.validate(Instant.ofEpochMilli(record.sendAtMillis()));
      return problems.isEmpty() ? null : problems.get(0).reason().name();
    } catch (RejectedRecordException e) {
      return e.reason().name();
    }
  }
}
