package dev.sidescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  @Test
  void helpGivesEachCommandOneWholeSentenceOnOneLine() {
    CommandLineRun run = CommandLineRun.of(config, "--help");

    assertThat(run.exitCode()).isZero();
    String out = run.out();
    List<String> commands =
        out.substring(out.indexOf("Commands:") + "Commands:".length()).strip().lines().toList();
    assertThat(commands).isNotEmpty().allSatisfy(line -> assertThat(line).endsWith("."));
  }

  @Test
  void snapshotHelpSaysHowLargeAManifestFileMayBe() {
    CommandLineRun run = CommandLineRun.of(config, "snapshot", "--help");

    assertThat(run.out().replaceAll("\\s+", " ")).contains("up to 16 MB.");
  }

  @ParameterizedTest(name = "sidescope {0} --help")
  @ValueSource(strings = {"", "demo", "snapshot", "logs", "sample-cluster", "sample-cluster serve"})
  void aCommandsHelpBreaksItsDescriptionOnlyWhereTheLineIsFull(String command) {
    String[] args = (command + " --help").strip().split(" ");
    CommandLineRun run = CommandLineRun.of(config, args);

    assertThat(run.exitCode()).isZero();
    List<String> description = description(run.out());
    assertThat(description).isNotEmpty();
    assertThat(description.get(description.size() - 1)).endsWith(".");
    for (int i = 0; i + 1 < description.size(); i++) {
      String line = description.get(i);
      String nextWord = description.get(i + 1).split(" ")[0];
      if (!line.endsWith(".")) {
        // picocli wraps before column 80: a line the next word would have fitted on was cut by
        // hand.
        assertThat(line.length() + 1 + nextWord.length()).as(line).isGreaterThanOrEqualTo(80);
      }
    }
  }

  /** The description of a usage help: the lines at the margin after the synopsis. */
  private static List<String> description(String help) {
    List<String> lines = help.lines().toList();
    int start = 1;
    while (start < lines.size() && lines.get(start).startsWith(" ")) {
      start++;
    }
    int end = start;
    while (end < lines.size()
        && !lines.get(end).isBlank()
        && !lines.get(end).startsWith(" ")
        && !lines.get(end).equals("Commands:")) {
      end++;
    }
    return lines.subList(start, end);
  }
}
