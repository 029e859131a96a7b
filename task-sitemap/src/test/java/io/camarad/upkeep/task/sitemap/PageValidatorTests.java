package io.camarad.upkeep.task.sitemap;

import static org.assertj.core.api.Assertions.assertThat;

import io.camarad.upkeep.task.sitemap.PageValidator.Refusal;
import io.camarad.upkeep.task.sitemap.PageValidator.Verdict;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

class PageValidatorTests {
  private final PageValidator validator =
      new PageValidator(
          URI.create("https://camarad.example/"),
          SitemapLocation.of(URI.create("https://camarad.example/")));

  private Verdict check(String location, Object lastmod) {
    return validator.check(new PageEntry.Page(location, lastmod, "test:1"));
  }

  @Test
  void resolvesRelativeLocationsAgainstTheSiteUrl() {
    assertThat(check("pages/a", null))
        .isEqualTo(new Verdict.Accepted("https://camarad.example/pages/a", null, null, "test:1"));
    assertThat(check("/b", null))
        .isEqualTo(new Verdict.Accepted("https://camarad.example/b", null, null, "test:1"));
  }

  @Test
  void refusesUrlsOutsideTheSitemapsSchemeHostPortOrPath() {
    PageValidator under =
        new PageValidator(
            URI.create("https://camarad.example/"),
            SitemapLocation.of(URI.create("https://camarad.example/pages")));
    assertThat(under.check(new PageEntry.Page("pages/x", null, "o")))
        .isInstanceOf(Verdict.Accepted.class);
    for (String outside :
        new String[] {
          "http://camarad.example/pages/x",
          "https://other.example/pages/x",
          "https://camarad.example:8443/pages/x",
          "https://camarad.example/blog/x",
          "https://camarad.example/pagesx"
        }) {
      Verdict verdict = under.check(new PageEntry.Page(outside, null, "o"));
      assertThat(verdict)
          .as(outside)
          .isInstanceOfSatisfying(
              Verdict.Refused.class,
              refused -> assertThat(refused.refusal()).isEqualTo(Refusal.OUTSIDE_LOCATION));
    }
    assertThat(under.check(new PageEntry.Page("https://CAMARAD.example:443/pages/y", null, "o")))
        .isInstanceOf(Verdict.Accepted.class);
  }

  @Test
  void escapesWhatAUriMayNotHoldAndKeepsExistingEscapes() {
    assertThat(check("https://camarad.example/a b/é?q=1&r='x'#%41%zz", null))
        .isEqualTo(
            new Verdict.Accepted(
                "https://camarad.example/a%20b/%C3%A9?q=1&r='x'#%41%25zz", null, null, "test:1"));
  }

  @Test
  void escapesBracketsInThePathButKeepsThemAroundAnIpv6Host() {
    assertThat(check("pages/a[b]", null))
        .isEqualTo(
            new Verdict.Accepted("https://camarad.example/pages/a%5Bb%5D", null, null, "test:1"));
    assertThat(PageValidator.escapeForUri("http://[::1]:8080/a[1]"))
        .isEqualTo("http://[::1]:8080/a%5B1%5D");
  }

  @Test
  void refusesDotSegmentsThatWouldClimbOutOfTheLocation() {
    PageValidator under =
        new PageValidator(
            URI.create("https://camarad.example/"),
            SitemapLocation.of(URI.create("https://camarad.example/docs/")));
    for (String url :
        new String[] {
          "https://camarad.example/docs/../blog/x",
          "https://camarad.example/docs/./x",
          "https://camarad.example/docs/x/.."
        }) {
      assertThat(under.check(new PageEntry.Page(url, null, "o")))
          .as(url)
          .isInstanceOfSatisfying(
              Verdict.Refused.class,
              r -> assertThat(r.reason()).contains("'.' or '..' path segment"));
    }
    assertThat(under.check(new PageEntry.Page("https://camarad.example/docs/x?a=/../", null, "o")))
        .isInstanceOf(Verdict.Accepted.class);
  }

  @Test
  void refusesMalformedTooLongAndNonHttpUrlsWithTheReason() {
    assertThat(check("ftp://camarad.example/x", null))
        .isInstanceOfSatisfying(
            Verdict.Refused.class,
            r -> {
              assertThat(r.refusal()).isEqualTo(Refusal.INVALID);
              assertThat(r.reason()).contains("not an absolute http(s) URL");
              assertThat(r.origin()).isEqualTo("test:1");
            });
    assertThat(check("pages/" + "x".repeat(2100), null))
        .isInstanceOfSatisfying(
            Verdict.Refused.class, r -> assertThat(r.reason()).contains("2,047"));
    assertThat(validator.check(new PageEntry.Invalid("missing or empty field 'id'", "f:3")))
        .isEqualTo(new Verdict.Refused(Refusal.INVALID, "missing or empty field 'id'", "f:3"));
  }

  @Test
  void normalizesLastmodToUtcSecondsAndDropsOneWithoutTimeZoneSayingWhy() {
    Instant instant = Instant.parse("2026-03-01T10:15:30.250Z");
    assertThat(((Verdict.Accepted) check("a", Date.from(instant))).lastmod())
        .isEqualTo("2026-03-01T10:15:30Z");
    assertThat(((Verdict.Accepted) check("a", "2026-03-01T12:15:30+02:00")).lastmod())
        .isEqualTo("2026-03-01T10:15:30Z");
    assertThat(((Verdict.Accepted) check("a", "2026-02-29")).lastmod()).isNull();
    assertThat(((Verdict.Accepted) check("a", "2024-02-29")).lastmod()).isEqualTo("2024-02-29");
    assertThat(((Verdict.Accepted) check("a", "2026-01-31T23:59:59Z")).lastmod())
        .isEqualTo("2026-01-31T23:59:59Z");
    assertThat(((Verdict.Accepted) check("a", "2024-02-29T00:00:00Z")).lastmod())
        .isEqualTo("2024-02-29T00:00:00Z");
    assertThat(((Verdict.Accepted) check("a", "2026-02-29T00:00:00Z")).lastmod()).isNull();
    assertThat(((Verdict.Accepted) check("a", "2026-04-31T00:00:00Z")).lastmod()).isNull();
    assertThat(((Verdict.Accepted) check("a", "2026-04-30T24:00:00Z")).lastmod()).isNull();
    Verdict.Accepted noZone = (Verdict.Accepted) check("a", "2026-03-01T10:15:30");
    assertThat(noZone.lastmod()).isNull();
    assertThat(noZone.lastmodProblem()).contains("has no time zone").contains("test:1");
  }
}
