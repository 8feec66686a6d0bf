package dev.sidescope.collectors.envoy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.testing.RepositoryFolders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvoyStatsReaderTest {
  private static final Path ENVOY = RepositoryFolders.fixtures().resolve("envoy");

  private static EnvoyStats text(String file) throws IOException {
    try (Reader in = Files.newBufferedReader(ENVOY.resolve(file))) {
      return EnvoyStatsReader.text(in);
    }
  }

  @Test
  void aFrontProxysStatsReadAsValuesAndHistogramsWithNanAndNothingRecorded() throws Exception {
    EnvoyStats s = text("stats_text_front_proxy_service2.txt");
    assertThat(s.skipped()).isZero();
    assertThat(s.values())
        .containsEntry("cluster.service2.upstream_rq_2xx", 500L)
        .containsEntry("cluster.service2.upstream_cx_active", 2L);
    EnvoyStats.Histogram time = s.histograms().get("cluster.service2.upstream_rq_time");
    assertThat(time.quantiles()).hasSize(9);
    assertThat(time.cumulative(50)).hasValue(6.00462);
    assertThat(time.cumulative(99.9)).hasValue(35.5);
    assertThat(time.quantiles().get(0).interval()).isEqualTo(OptionalDouble.empty()); // nan
    assertThat(s.histograms().get("cluster.service2.upstream_cx_length_ms").empty()).isTrue();
  }

  @Test
  void everyLineOfTheRealTextFixturesIsRead() throws Exception {
    for (String file :
        new String[] {
          "stats_text_appmesh_connection_pools.txt",
          "stats_text_front_proxy_service2_circuit_breaking.txt",
          "stats_text_ingress_http_filtered.txt"
        }) {
      EnvoyStats s = text(file);
      long lines =
          Files.readAllLines(ENVOY.resolve(file)).stream().filter(l -> !l.isBlank()).count();
      assertThat(s.skipped()).as(file).isZero();
      assertThat(s.values().size() + s.histograms().size()).as(file).isEqualTo((int) lines);
    }
  }

  @Test
  void clusterNamesWithPipesColonsAndDotsStayWhole() throws Exception {
    String name = "outbound|8080||payment.shop.svc.cluster.local";
    EnvoyStats s =
        EnvoyStatsReader.text(
            new StringReader(
                "cluster."
                    + name
                    + ".upstream_rq_5xx: 7\n"
                    + "cluster."
                    + name
                    + ".upstream_rq_time: P0(nan,1) P50(2.5,3) P99(nan,40)\n"
                    + "listener.0.0.0.0:15006.downstream_cx_total: 12\n"));
    assertThat(s.values())
        .containsEntry("cluster." + name + ".upstream_rq_5xx", 7L)
        .containsEntry("listener.0.0.0.0:15006.downstream_cx_total", 12L);
    assertThat(s.histograms().get("cluster." + name + ".upstream_rq_time").cumulative(99))
        .hasValue(40);
  }

  @Test
  void valuesReadTheSameWhateverTheirShape() throws Exception {
    String input =
        "  a.b: 12  \n"
            + "c.d:   7\n"
            + "e: f: 3\n"
            + "neg: -4\n"
            + "zero: 000\n"
            + "max: 9223372036854775807\n"
            + "over: 9223372036854775808\n"
            + "nospace:5\n"
            + "word: five\n"
            + ": 9\n";
    EnvoyStats s = EnvoyStatsReader.text(new java.io.StringReader(input));

    assertThat(s.values())
        .containsExactly(
            java.util.Map.entry("a.b", 12L),
            java.util.Map.entry("c.d", 7L),
            java.util.Map.entry("e: f", 3L),
            java.util.Map.entry("neg", -4L),
            java.util.Map.entry("zero", 0L),
            java.util.Map.entry("max", Long.MAX_VALUE));
    assertThat(s.skipped()).isEqualTo(4); // over, nospace, word and the nameless
  }

  @Test
  void brokenBinaryAndHugeLinesAreCountedNotFatal() throws Exception {
    String huge = "x".repeat(1_000_000);
    String input =
        "good.counter: 1\n"
            + "cut.short: \n"
            + "\u0000\u0001\u0002binary: 3\n"
            + huge
            + ": 4\n"
            + "hist: P50(1,2) P99(oops\n"
            + "value: twelve\n"
            + "last.counter: 2";
    EnvoyStats s = EnvoyStatsReader.text(new StringReader(input));
    assertThat(s.values()).containsOnlyKeys("good.counter", "last.counter");
    assertThat(s.skipped()).isEqualTo(5);
  }

  @Test
  void aHundredThousandLinesReadInOnePass() throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      b.append("cluster.c")
          .append(i % 500)
          .append(".upstream_rq_")
          .append(i)
          .append(": ")
          .append(i)
          .append('\n');
    }
    EnvoyStats s = EnvoyStatsReader.text(new StringReader(b.toString()));
    assertThat(s.values()).hasSize(100_000);
    assertThat(s.skipped()).isZero();
  }

  @Test
  void theJsonFormReadsTheBareArrayAndTheObjectWithHistograms() throws Exception {
    try (InputStream in =
        Files.newInputStream(ENVOY.resolve("stats_json_ingress_http_rq_jq_stats.json"))) {
      EnvoyStats s = EnvoyStatsReader.json(in);
      assertThat(s.values()).containsEntry("http.ingress_http.rq_total", 3L).hasSize(4);
    }
    String json =
        "{\"stats\":[{\"name\":\"cluster.a.upstream_rq_2xx\",\"value\":9},"
            + "{\"histograms\":{\"supported_quantiles\":[0,50,99],\"computed_quantiles\":["
            + "{\"name\":\"cluster.a.upstream_rq_time\",\"values\":[{\"interval\":null,\"cumulative\":1},"
            + "{\"interval\":null,\"cumulative\":6},{\"interval\":null,\"cumulative\":23}]},"
            + "{\"name\":\"cluster.a.upstream_cx_length_ms\",\"values\":[{\"interval\":null,\"cumulative\":null},"
            + "{\"interval\":null,\"cumulative\":null},{\"interval\":null,\"cumulative\":null}]}]}},"
            + "\"garbage\"]}";
    EnvoyStats s =
        EnvoyStatsReader.json(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    assertThat(s.values()).containsEntry("cluster.a.upstream_rq_2xx", 9L);
    assertThat(s.histograms().get("cluster.a.upstream_rq_time").cumulative(99)).hasValue(23);
    assertThat(s.histograms().get("cluster.a.upstream_cx_length_ms").empty()).isTrue();
    assertThat(s.skipped()).isEqualTo(1);
    assertThatThrownBy(
            () ->
                EnvoyStatsReader.json(
                    new ByteArrayInputStream("{\"stats\": 3}".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IOException.class);
  }

  @Test
  void upstreamFiguresGoToTheLongestKnownClusterName() throws Exception {
    EnvoyStats s = text("stats_text_front_proxy_service2.txt");
    Map<String, UpstreamStats> byCluster = UpstreamStats.byCluster(s, Set.of("service2"));
    UpstreamStats service2 = byCluster.get("service2");
    // cluster.service2.external.upstream_rq_2xx is the same requests seen by origin: not added.
    assertThat(service2.total()).isEqualTo(500);
    assertThat(service2.ok()).isEqualTo(500);
    assertThat(service2.serverErrors()).isZero();
    assertThat(service2.time()).hasValueSatisfying(t -> assertThat(t.cumulative(99)).hasValue(23));
    assertThat(
            UpstreamStats.owner(
                "cluster.service2.external.upstream_rq_2xx",
                Set.of("service2", "service2.external")))
        .hasValue(new UpstreamStats.Owned("service2.external", "upstream_rq_2xx"));
    assertThat(UpstreamStats.owner("http.ingress.rq_total", Set.of("ingress"))).isEmpty();
  }

  @Test
  void clustersTextAndJsonNameTheirClustersAndHostHealth() throws Exception {
    Map<String, EnvoyClusters.Cluster> text;
    try (Reader in =
        Files.newBufferedReader(ENVOY.resolve("clusters_text_appmesh_health_flags.txt"))) {
      text = EnvoyClusters.text(in);
    }
    assertThat(text).hasSize(3);
    assertThat(
            text.get("cds_egress_howto-k8s-mtls-file-based_red_howto-k8s-mtls-file-based_http_8080")
                .hostHealth())
        .containsEntry("10.100.177.181:8080", "/failed_active_hc");
    Map<String, EnvoyClusters.Cluster> json;
    try (InputStream in = Files.newInputStream(ENVOY.resolve("clusters_istio_sidecar.json"))) {
      json = EnvoyClusters.json(in);
    }
    assertThat(json).hasSize(7);
    assertThat(json)
        .containsKey("outbound|443||istio-sidecar-injector.istio-system.svc.cluster.local");
    assertThat(
            json.get("outbound|443||istio-sidecar-injector.istio-system.svc.cluster.local")
                .hostHealth())
        .containsEntry("172.17.0.4:443", "healthy");
  }
}
