package dev.sidescope.topology.export;

import dev.sidescope.testing.export.GoldenFiles;
import dev.sidescope.topology.export.SampleSnapshots.Sample;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each sample's Mermaid and DOT text against {@code golden/<sample>.mmd} and {@code .dot}. Refresh
 * with {@code mvn -B -pl topology test -Dsidescope.golden.update=true} and review the diff.
 */
class ExportGoldenFilesTest {

  static List<Sample> samples() {
    return SampleSnapshots.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void mermaidExportShouldMatchItsGoldenFile(Sample sample) {
    GoldenFiles.assertMatches(
        sample.name() + ".mmd", new MermaidExporter().export(sample.snapshot()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void dotExportShouldMatchItsGoldenFile(Sample sample) {
    GoldenFiles.assertMatches(sample.name() + ".dot", new DotExporter().export(sample.snapshot()));
  }
}
