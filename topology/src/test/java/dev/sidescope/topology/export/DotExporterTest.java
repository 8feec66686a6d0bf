package dev.sidescope.topology.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.export.SampleSnapshots.Sample;
import dev.sidescope.topology.picture.NodeStyle;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DotExporterTest {

  private static final String POD = "kubernetes/kind-dev/shop/order-service-5f7c9-x2k4q";

  static List<Sample> samples() {
    return SampleSnapshots.all();
  }

  private final DotExporter exporter = new DotExporter();

  @Test
  void exportShouldBeALeftToRightDigraphWithAClusterPerPodOrTask() {
    String text = exporter.export(SampleSnapshots.seed());

    assertThat(text).startsWith("digraph sidescope {\n  rankdir=LR;\n").endsWith("}\n");
    assertThat(text)
        .contains(
            "  subgraph \"cluster_" + POD + "\" {\n    label=\"Pod order-service-5f7c9-x2k4q\";\n")
        .contains("  subgraph \"cluster_ecs/us-east-1/prod/order-service\" {\n");
  }

  @Test
  void exportShouldFillNodesByRole() {
    String text = exporter.export(SampleSnapshots.seed());

    assertThat(text)
        .contains(
            "    \""
                + POD
                + "/order-service\" [label=\"order-service\\napp\", fillcolor=\""
                + Palette.fill(NodeStyle.APP)
                + "\"")
        .contains(
            "    \""
                + POD
                + "/xray-daemon\" [label=\"xray-daemon\\nX-Ray daemon sidecar\","
                + " fillcolor=\""
                + Palette.fill(NodeStyle.SIDECAR)
                + "\"")
        .contains(
            "  \"aws/xray\" [label=\"AWS X-Ray\", fillcolor=\""
                + Palette.fill(NodeStyle.AWS)
                + "\"");
  }

  @Test
  void exportShouldStyleEdgesByKind() {
    String text = exporter.export(SampleSnapshots.seed());

    assertThat(text)
        .contains("\"" + POD + "/order-service\" -> \"" + POD + "/xray-daemon\" [dir=both,")
        .contains("\"" + POD + "/xray-daemon\" -> \"aws/xray\" [style=dashed,")
        .contains(
            "-> \"aws/cloudwatch-logs\" [style=dashed, color=\"#c2410c\", fontcolor=\"#c2410c\","
                + " label=\"/ecs/order-service\"")
        .contains(
            "\""
                + POD
                + "/order-service\" -> \"service/kind-dev/shop/payment-service\""
                + " [style=bold,");
    assertThat(exporter.export(SampleSnapshots.groupedWithFindings()))
        .contains("-> \"vault\" [style=dotted,")
        .contains("-> \"aws/appconfig\" [style=dotted,");
  }

  @Test
  void exportShouldMarkFindingsInRedOrangeOrBlue() {
    String text = exporter.export(SampleSnapshots.groupedWithFindings());

    assertThat(text)
        .contains("label=\"envoy\\nApp Mesh Envoy sidecar\\n⚠ warning\"")
        .contains(
            "color=\""
                + Palette.marker(dev.sidescope.topology.model.Severity.WARNING)
                + "\", penwidth=3")
        .contains("label=\"Deployment/order-service ×3  ℹ info\";");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void exportShouldBeTheSameTextEveryTime(Sample sample) {
    assertThat(exporter.export(sample.snapshot())).isEqualTo(exporter.export(sample.snapshot()));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '→',
      quoteCharacter = '\'',
      value = {
        "aws/xray → \"aws/xray\"",
        "say \"hi\" → \"say \\\"hi\\\"\"",
        "a\\b → \"a&#92;b\"",
        "ends\\ → \"ends&#92;\"",
        "a&#92;b → \"a&amp;#92;b\"",
      })
  void idShouldQuoteAndEscapeOneToOne(String raw, String quoted) {
    assertThat(DotExporter.id(raw)).isEqualTo(quoted);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '→',
      quoteCharacter = '\'',
      value = {
        "CloudWatch Logs → \"CloudWatch Logs\"",
        "say \"hi\" → \"say \\\"hi\\\"\"",
        "a\\nb → \"a\\&#92;nb\"",
        "ends\\ → \"ends\\&#92;\"",
        "<b>&amp; → \"<b>&amp;amp;\"",
        "tab\there → \"tab here\"",
        "Zürich ☕ 東京 → \"Zürich ☕ 東京\"",
      })
  void labelShouldEscapeQuotesBackslashesAndEntities(String raw, String quoted) {
    assertThat(DotExporter.label(List.of(raw))).isEqualTo(quoted);
  }

  @Test
  void labelShouldJoinLinesWithCentredLineBreaks() {
    assertThat(DotExporter.label(List.of("order-service", "app")))
        .isEqualTo("\"order-service\\napp\"");
  }

  @Test
  void exportOfAnEmptySnapshotShouldStillBeAGraph() {
    assertThat(exporter.export(SampleSnapshots.empty()))
        .startsWith("digraph sidescope {")
        .endsWith("}\n");
  }
}
