package dev.sidescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path config;

  @Test
  void versionNamesTheProductAndItsVersion() {
    CommandLineRun run = CommandLineRun.of(config, "--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("sidescope 0.").doesNotContain("${project.version}");
  }

  @Test
  void demoWithAFormatPrintsTheSeedSampleInsteadOfOpeningTheConsole() {
    CommandLineRun run = CommandLineRun.of(config, "demo", "--format", "mermaid");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("graph LR")
        .contains("xray-daemon", "fluent-bit-sidecar", "AWS X-Ray");
  }

  @Test
  void anUnknownSampleIsOneSentence() {
    CommandLineRun run = CommandLineRun.of(config, "demo", "nope");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no built-in sample called 'nope'").contains("seed");
  }

  @Test
  void theLogFileLivesUnderTheChosenConfigDirectory() throws Exception {
    CommandLineRun.of(config, "snapshot", "--manifests", config.resolve("missing").toString());
    org.slf4j.LoggerFactory.getLogger(MainTest.class).info("log file check");

    assertThat(System.getProperty("sidescope.log.file"))
        .isEqualTo(config.resolve("state/sidescope.log").toString());
    assertThat(Files.exists(config.resolve("state"))).isTrue();
  }
}
