package org.chuanbo.schemas.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.chuanbo.schemas.TestRecords.NOW;
import static org.chuanbo.schemas.TestRecords.fullArticle;
import static org.chuanbo.schemas.TestRecords.minimalArticle;

import java.time.Duration;
import java.time.Instant;
import org.chuanbo.schemas.RejectReason;
import org.chuanbo.schemas.ValidationProblem;
import org.junit.jupiter.api.Test;

class ArticleTest {

  @Test
  void shouldAcceptFullAndMinimalArticles() {
    assertThat(fullArticle().validate(NOW)).isEmpty();
    assertThat(minimalArticle().validate(NOW)).isEmpty();
  }

  @Test
  void shouldRejectUnknownOffice() {
    Article article = withOffice("gx");

    assertThat(article.validate(NOW))
        .extracting(ValidationProblem::field, ValidationProblem::reason)
        .containsExactly(tuple("office", RejectReason.INVALID_VALUE));
  }

  @Test
  void shouldReportEveryMissingValue() {
    Article empty = new Article(null, "", null, null, null, " ", null, null);

    assertThat(empty.validate(NOW))
        .extracting(ValidationProblem::field)
        .containsExactly(
            "article_id",
            "title",
            "editor",
            "office",
            "content_type",
            "published_at",
            "updated_at");
    assertThat(empty.validate(NOW))
        .extracting(ValidationProblem::reason)
        .containsOnly(RejectReason.MISSING_VALUE);
  }

  @Test
  void shouldAllowScheduledPublicationButNotFutureUpdate() {
    Article scheduled =
        new Article(
            "zs-1", "预告", "zs", null, ContentType.COURSE, "ed", NOW.plus(Duration.ofDays(7)), NOW);
    Article stampedAhead =
        new Article(
            "zs-1", "预告", "zs", null, ContentType.COURSE, "ed", NOW, NOW.plus(Duration.ofDays(2)));

    assertThat(scheduled.validate(NOW)).isEmpty();
    assertThat(stampedAhead.validate(NOW))
        .extracting(ValidationProblem::field, ValidationProblem::reason)
        .containsExactly(tuple("updated_at", RejectReason.INVALID_VALUE));
  }

  @Test
  void shouldRejectPlaceholderAndZeroTimesThatNoTableCanHold() {
    Article placeholder = withTimes(Instant.parse("9999-12-31T00:00:00Z"), NOW);
    Article minimum = withTimes(Instant.ofEpochMilli(Long.MIN_VALUE), NOW);
    Article zeroUpdate = withTimes(NOW, Instant.EPOCH);
    Article aYearAhead = withTimes(NOW.plus(Article.MAX_SCHEDULE_AHEAD), NOW);

    assertThat(placeholder.validate(NOW))
        .extracting(ValidationProblem::field, ValidationProblem::reason)
        .containsExactly(tuple("published_at", RejectReason.INVALID_VALUE));
    assertThat(minimum.validate(NOW))
        .extracting(ValidationProblem::field, ValidationProblem::reason)
        .containsExactly(tuple("published_at", RejectReason.INVALID_VALUE));
    assertThat(zeroUpdate.validate(NOW))
        .extracting(ValidationProblem::field, ValidationProblem::reason)
        .containsExactly(tuple("updated_at", RejectReason.INVALID_VALUE));
    assertThat(aYearAhead.validate(NOW)).isEmpty();
  }

  @Test
  void shouldKnowEveryOfficeByCode() {
    assertThat(Office.fromCode("fc")).contains(Office.FC);
    assertThat(Office.FC.chineseName()).isEqualTo("富川瑶族自治县");
    assertThat(Office.fromCode("HZ")).isEmpty();
  }

  private static Article withTimes(Instant publishedAt, Instant updatedAt) {
    Article a = fullArticle();
    return new Article(
        a.articleId(),
        a.title(),
        a.office(),
        a.series(),
        a.contentType(),
        a.editor(),
        publishedAt,
        updatedAt);
  }

  private static Article withOffice(String office) {
    Article a = fullArticle();
    return new Article(
        a.articleId(),
        a.title(),
        office,
        a.series(),
        a.contentType(),
        a.editor(),
        a.publishedAt(),
        a.updatedAt());
  }
}
