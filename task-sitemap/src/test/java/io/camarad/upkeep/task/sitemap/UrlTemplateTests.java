package io.camarad.upkeep.task.sitemap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlTemplateTests {

  private static String expand(String template, String id) {
    return UrlTemplate.parse(template).expand(Map.<String, Object>of("id", id)::get);
  }

  @Test
  void escapesCorpusIdsAsPathSegmentsKeepingTheSlashWithPlus() {
    assertThat(expand("pages/{+id}", "common/!")).isEqualTo("pages/common/%21");
    assertThat(expand("pages/{+id}", "common/$")).isEqualTo("pages/common/%24");
    assertThat(expand("pages/{+id}", "common/[")).isEqualTo("pages/common/%5B");
    assertThat(expand("pages/{+id}", "common/c++")).isEqualTo("pages/common/c%2B%2B");
    assertThat(expand("pages/{+id}", "linux/mklost+found")).isEqualTo("pages/linux/mklost%2Bfound");
    assertThat(expand("pages/{+id}", "common/git-commit_2.x~1"))
        .isEqualTo("pages/common/git-commit_2.x~1");
  }

  @Test
  void escapesTheSlashInAPlainField() {
    assertThat(expand("pages/{id}", "common/[")).isEqualTo("pages/common%2F%5B");
  }

  @Test
  void escapesDotSegmentsSoNoValueClimbsOutOfItsPath() {
    assertThat(expand("pages/{+id}", "common/..")).isEqualTo("pages/common/%2E%2E");
    assertThat(expand("pages/{+id}", "./x")).isEqualTo("pages/%2E/x");
    assertThat(expand("pages/{id}", "..")).isEqualTo("pages/%2E%2E");
    assertThat(expand("pages/{+id}", "a/.b")).isEqualTo("pages/a/.b");
  }

  @Test
  void escapesNonAsciiAsUtf8Bytes() {
    assertThat(expand("{id}", "café 😀")).isEqualTo("caf%C3%A9%20%F0%9F%98%80");
  }

  @Test
  void givesNoUrlAndNamesTheFieldWhenOneIsMissingOrEmpty() {
    UrlTemplate template = UrlTemplate.parse("{lang}/{+id}");
    Map<String, Object> values = Map.of("id", "x", "lang", "");
    assertThat(template.expand(values::get)).isNull();
    assertThat(template.missingField(values::get)).isEqualTo("lang");
    assertThat(template.fields()).containsExactly("lang", "id");
  }

  @Test
  void refusesAnUnclosedOrEmptyBraceNamingThePosition() {
    assertThatThrownBy(() -> UrlTemplate.parse("pages/{id"))
        .hasMessageContaining("unclosed '{' at position 6");
    assertThatThrownBy(() -> UrlTemplate.parse("pages/{+}"))
        .hasMessageContaining("empty or malformed field at position 6");
  }
}
