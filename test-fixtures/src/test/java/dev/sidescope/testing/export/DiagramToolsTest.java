package dev.sidescope.testing.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagramToolsTest {

  @Test
  void runShouldReturnTheExitCodeAndWhatTheCommandPrinted(@TempDir Path dir) {
    assumeTrue(DiagramTools.onPath("sh").isPresent(), "no sh on PATH");

    DiagramTools.ToolRun run =
        DiagramTools.run(List.of("sh", "-c", "echo drawn; exit 3"), dir, Duration.ofSeconds(30));

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.output()).isEqualTo("drawn\n");
  }

  @Test
  void runShouldKillACommandThatOutlivesItsTimeout(@TempDir Path dir) {
    assumeTrue(DiagramTools.onPath("sh").isPresent(), "no sh on PATH");
    long start = System.nanoTime();

    assertThatThrownBy(
            () -> DiagramTools.run(List.of("sh", "-c", "sleep 60"), dir, Duration.ofMillis(300)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("timed out after");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }
}
