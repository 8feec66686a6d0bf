package dev.sidescope.topology.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sidescope.testing.export.DiagramTools;
import dev.sidescope.testing.export.DiagramTools.MermaidCli;
import dev.sidescope.testing.export.DiagramTools.ToolRun;
import dev.sidescope.testing.export.SvgText;
import dev.sidescope.topology.export.SampleSnapshots.Sample;
import dev.sidescope.topology.picture.TopologyPicture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every sample's export with the real tools, Mermaid CLI and Graphviz, and checks that each
 * draws every label as written. Skips, with the reason, where a tool is not installed ({@code
 * .ci/install-tools.sh} installs both).
 */
class RealRenderersTest {

  // The first run starts a browser from cold; two cores under a parallel build are slow.
  private static final Duration MMDC_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration DOT_TIMEOUT = Duration.ofSeconds(30);

  static List<Sample> samples() {
    return SampleSnapshots.all();
  }

  /** Says once, in the build log, which renderers these tests use or why they skip. */
  @BeforeAll
  static void reportTools(@TempDir Path scratch) {
    System.err.println(
        DiagramTools.mermaidCli(scratch)
            .map(
                m ->
                    "Mermaid CLI: "
                        + m.mmdc()
                        + m.puppeteerConfig().map(p -> " with " + p).orElse(""))
            .orElse(DiagramTools.MERMAID_CLI_MISSING));
    System.err.println(
        DiagramTools.graphvizDot()
            .map(d -> "Graphviz: " + d)
            .orElse(DiagramTools.GRAPHVIZ_MISSING));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void mermaidCliShouldDrawEveryLabelOfTheExport(Sample sample, @TempDir Path dir)
      throws IOException {
    Optional<MermaidCli> mmdc = DiagramTools.mermaidCli(dir);
    assumeTrue(mmdc.isPresent(), DiagramTools.MERMAID_CLI_MISSING);
    Path input =
        write(dir.resolve(sample.name() + ".mmd"), new MermaidExporter().export(sample.snapshot()));
    Path output = dir.resolve(sample.name() + ".svg");

    ToolRun run = DiagramTools.run(mmdc.get().command(input, output), dir, MMDC_TIMEOUT);

    assertDrawn(sample, run, output);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void graphvizShouldDrawEveryLabelOfTheExport(Sample sample, @TempDir Path dir)
      throws IOException {
    Optional<Path> dot = DiagramTools.graphvizDot();
    assumeTrue(dot.isPresent(), DiagramTools.GRAPHVIZ_MISSING);
    Path input =
        write(dir.resolve(sample.name() + ".dot"), new DotExporter().export(sample.snapshot()));
    Path output = dir.resolve(sample.name() + ".svg");

    ToolRun run =
        DiagramTools.run(
            List.of(dot.get().toString(), "-Tsvg", "-o", output.toString(), input.toString()),
            dir,
            DOT_TIMEOUT);

    assertDrawn(sample, run, output);
  }

  private static void assertDrawn(Sample sample, ToolRun run, Path svgFile) throws IOException {
    assertThat(run.exitCode()).as("exit code; the tool said:\n%s", run.output()).isZero();
    assertThat(svgFile).exists();
    String svg = Files.readString(svgFile, StandardCharsets.UTF_8);
    assertThat(svg).as("SVG written").isNotBlank();
    SvgText text = SvgText.parse(svg);
    assertThat(expectedLines(TopologyPicture.of(sample.snapshot())))
        .allSatisfy(
            line ->
                assertThat(text.contains(line))
                    .as("label line %s drawn; the SVG's text is %s", line, text.pieces())
                    .isTrue());
  }

  /** Every line a person should be able to read: box titles, node and edge labels. */
  private static List<String> expectedLines(TopologyPicture picture) {
    List<String> lines = new ArrayList<>();
    picture.boxes().forEach(b -> lines.add(b.titleLine()));
    picture.nodes().forEach(n -> lines.addAll(n.labelLines()));
    picture.edges().forEach(e -> lines.addAll(e.labelLines()));
    return lines;
  }

  private static Path write(Path file, String text) throws IOException {
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
