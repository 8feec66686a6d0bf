package dev.sidescope.testing.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoldenFilesTest {

  @Test
  void firstDifferenceShouldShowTheLineWithContextAndBothVersions() {
    String message = GoldenFiles.firstDifference("a\nb\nc\nd\n", "a\nb\nX\nd\n");

    assertThat(message)
        .contains("First difference at line 3")
        .contains("    b\n")
        .contains("  - c\n")
        .contains("  + X\n");
  }

  @Test
  void firstDifferenceShouldTellWhenOnlyTheEndingsDiffer() {
    assertThat(GoldenFiles.firstDifference("a\n", "a")).contains("line endings or a final newline");
  }

  @Test
  void firstDifferenceShouldPointPastTheEndWhenOneTextIsLonger() {
    assertThat(GoldenFiles.firstDifference("a\n", "a\nb\n"))
        .contains("First difference at line 2")
        .contains("  + b");
  }
}
