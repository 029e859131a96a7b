package io.camarad.upkeep.notifier.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTests {

  @Test
  void leavesATextAtTheLimitUntouched() {
    String text = "x".repeat(256);

    assertThat(SafeText.cut(text, 256)).isSameAs(text);
  }

  @Test
  void cutsATextOneOverTheLimitToTheLimitWithAVisibleMarker() {
    String cut = SafeText.cut("x".repeat(257), 256);

    assertThat(cut).hasSize(256).endsWith(SafeText.MARKER);
  }

  @Test
  void neverSplitsACharacterMadeOfTwoUnits() {
    String emoji = "\uD83D\uDE80"; // one rocket, two UTF-16 units
    String text = "ab" + emoji + "cdef";

    String cut = SafeText.cut(text, 4);

    assertThat(cut).isEqualTo("ab" + SafeText.MARKER);
    assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
  }

  @Test
  void foldsLinesAndRunsOfSpaceIntoOneLine() {
    assertThat(SafeText.oneLine("  first\n\n second\t third \r\n")).isEqualTo("first second third");
  }

  @Test
  void defusesMassMentionsAndMentionTags() {
    String defused = SafeText.defused("@everyone @here <@123> <@&456> <#789>");

    assertThat(defused)
        .doesNotContain("@everyone", "@here", "<@123>", "<@&456>", "<#789>")
        .contains("@\u200Beveryone", "@\u200Bhere", "<\u200B@123>", "<\u200B@&456>")
        .contains("<\u200B#789>");
  }
}
