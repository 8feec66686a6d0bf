package dev.sidescope.topology.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.export.SampleSnapshots.Sample;
import dev.sidescope.topology.picture.NodeStyle;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MermaidExporterTest {

  private static final Pattern NODE_ID =
      Pattern.compile("^\\s+([^\\s\\[]+)\\[\"", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("\\[\"(.*?)\"]|\\|\"(.*?)\"\\|");

  static List<Sample> samples() {
    return SampleSnapshots.all();
  }

  private final MermaidExporter exporter = new MermaidExporter();

  @Test
  void exportShouldDrawEachPodOrTaskAsASubgraphHoldingItsContainers() {
    String text = exporter.export(SampleSnapshots.seed());

    assertThat(text).startsWith("graph LR\n");
    assertThat(text)
        .contains(
            "  subgraph box_order_service[\"ECS task order-service\"]\n"
                + "    box_order_service__order_service[\"order-service<br/>app\"]\n"
                + "    box_order_service__fluent_bit_sidecar[\"fluent-bit-sidecar<br/>Fluent Bit"
                + " sidecar\"]\n"
                + "  end\n");
  }

  @Test
  void exportShouldDrawLocalEdgesBothWaysAndOthersOneWay() {
    String text = exporter.export(SampleSnapshots.seed());

    assertThat(text)
        .contains(
            "box_order_service_5f7c9_x2k4q__order_service <-->"
                + " box_order_service_5f7c9_x2k4q__xray_daemon\n")
        .contains("box_order_service_5f7c9_x2k4q__xray_daemon --> n_aws_xray\n")
        .contains(
            "box_order_service__fluent_bit_sidecar -->|\"/ecs/order-service\"|"
                + " n_aws_cloudwatch_logs\n");
  }

  @Test
  void exportShouldDrawAnAppsEdgeOutOfItsBoxOneRankLonger() {
    String text = exporter.export(SampleSnapshots.seed());

    assertThat(text)
        .contains(
            "box_order_service_5f7c9_x2k4q__order_service --->"
                + " n_service_kind_dev_shop_payment_service\n");
  }

  @Test
  void exportShouldGiveEveryRoleItsOwnClass() {
    String text = exporter.export(SampleSnapshots.groupedWithFindings());

    for (NodeStyle style : NodeStyle.values()) {
      assertThat(text).contains("  classDef " + style.className() + " fill:");
    }
    assertThat(text)
        .contains("  class box_order_service__order_service app\n")
        .contains("  class n_service_kind_dev_shop_payment_service service\n")
        .contains("  class n_aws_appconfig aws\n")
        .contains("  class box_order_service__wait_for_db init\n");
  }

  @Test
  void exportShouldMarkFindingsWithAClassAndALabelLine() {
    String text = exporter.export(SampleSnapshots.groupedWithFindings());

    assertThat(text)
        .contains("  class box_order_service__envoy,n_vault finding_warning\n")
        .contains("  class box_order_service finding_info\n")
        .contains("envoy<br/>App Mesh Envoy sidecar<br/>⚠ warning")
        .containsPattern("linkStyle \\d+ stroke:#dc2626,stroke-width:3px\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void exportShouldBeTheSameTextEveryTime(Sample sample) {
    assertThat(exporter.export(sample.snapshot())).isEqualTo(exporter.export(sample.snapshot()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void exportShouldUsePlainDistinctNodeIds(Sample sample) {
    Matcher ids = NODE_ID.matcher(exporter.export(sample.snapshot()));
    List<String> found = ids.results().map(m -> m.group(1)).toList();

    assertThat(found).allMatch(id -> id.matches("[a-z][A-Za-z0-9_]*"), "plain identifier");
    assertThat(found).doesNotHaveDuplicates();
  }

  @Test
  void exportShouldGiveIdsThatFlattenAlikeDistinctNames() {
    String text = exporter.export(SampleSnapshots.trickyNames());

    assertThat(text).contains("  n_aws_x_ray[\"").contains("  n_aws_x_ray_2[\"");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void exportShouldQuoteLabelsWithNothingMermaidWouldReadAsSyntax(Sample sample) {
    Matcher labels = LABEL.matcher(exporter.export(sample.snapshot()));
    List<String> found =
        labels.results().map(m -> m.group(1) != null ? m.group(1) : m.group(2)).toList();

    assertThat(found)
        .allSatisfy(
            label -> {
              String bare = label.replace("<br/>", "").replaceAll("#(quot|\\d+);", "");
              assertThat(bare).doesNotContainPattern("[\"<>&%|\\[\\]{}:;`#\\\\]");
            });
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '→',
      quoteCharacter = '\'',
      value = {
        "order-service → order-service",
        "say \"hi\" → say #quot;hi#quot;",
        "a#b → a#35;b",
        "#quot; → #35;quot#59;",
        "<b>&amp; → #60;b#62;#38;amp#59;",
        "a|b → a#124;b",
        "[x] {y} → #91;x#93; #123;y#125;",
        "%%{init}%% → #37;#37;#123;init#125;#37;#37;",
        "host:8080 → host#58;8080",
        "a\\b → a#92;b",
        "Zürich ☕ 東京 × → Zürich ☕ 東京 ×",
        "a.b/c (d) e_f-g → a.b/c (d) e_f-g",
      })
  void textShouldEscapeEverythingMermaidReadsAsSyntax(String raw, String escaped) {
    assertThat(MermaidExporter.text(raw)).isEqualTo(escaped);
  }

  @Test
  void textShouldKeepMermaidFromReadingABackslashNAsALineBreak() {
    assertThat(MermaidExporter.text("a\\nb")).isEqualTo("a#92;\u2060nb");
  }

  @Test
  void textShouldKeepMermaidFromReadingItsOwnStandIns() {
    assertThat(MermaidExporter.text("ﬂ°°1¶ß")).isEqualTo("ﬂ\u2060°°1¶\u2060ß");
  }

  @Test
  void textShouldTurnLineBreaksAndControlCharactersIntoSpaces() {
    assertThat(MermaidExporter.text("a\nb\tc\u2028d")).isEqualTo("a b c d");
  }

  @Test
  void exportOfAnEmptySnapshotShouldStillBeAGraph() {
    assertThat(exporter.export(SampleSnapshots.empty())).startsWith("graph LR\n");
  }
}
