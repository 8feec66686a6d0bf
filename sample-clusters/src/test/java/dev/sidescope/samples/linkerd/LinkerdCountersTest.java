package dev.sidescope.samples.linkerd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.samples.envoy.SampleEnvoys;
import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.samples.folder.SampleCluster;
import dev.sidescope.samples.folder.SampleClusterFolder;
import dev.sidescope.samples.kubernetes.ClusterExpander;
import dev.sidescope.samples.traffic.ReplicaPicker;
import dev.sidescope.samples.traffic.TrafficSimulator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkerdCountersTest {
  private static final Instant ORIGIN = Instant.parse("2026-11-26T03:00:00Z");

  @Test
  void eachCheckoutProxyCountsTheRequestsThePickerGivesItsPod() throws Exception {
    SampleCluster sample = SampleClusterFolder.read(BuiltInSamples.folder("broken").orElseThrow());
    List<HasMetadata> objects =
        ClusterExpander.expand(sample, ClusterExpander.Options.defaults(ORIGIN));
    SampleEnvoys envoys = SampleEnvoys.find(objects, sample.traffic(), ORIGIN);
    List<String> names =
        sample.traffic().stream().flatMap(f -> List.of(f.from(), f.to()).stream()).toList();
    SampleLinkerds linkerds = SampleLinkerds.find(objects, envoys.podsByName(), names, ORIGIN);
    ReplicaPicker picker = new ReplicaPicker(envoys.podsByName(), Map.of());
    LinkerdCounters counters = new LinkerdCounters(linkerds, picker);
    TrafficSimulator traffic = new TrafficSimulator(sample.traffic(), 7, ORIGIN);
    traffic.addListener(counters);
    Map<String, Long> sentByPod = new HashMap<>();
    traffic.addListener(
        r -> {
          if (r.from().equals("checkout") && r.to().equals("ledger")) {
            sentByPod.merge(picker.pods("checkout").get(picker.caller(r)), 1L, Long::sum);
          }
        });

    traffic.advanceTo(ORIGIN.plus(Duration.ofMinutes(2)));

    assertThat(linkerds.proxies())
        .extracting(LinkerdProxy::pod)
        .allSatisfy(p -> assertThat(p).startsWith("checkout-"))
        .hasSize(2);
    assertThat(linkerds.destinations().get("ledger").authority())
        .isEqualTo("ledger.payments.svc.cluster.local:8080");
    for (LinkerdProxy proxy : linkerds.proxies()) {
      List<LinkerdCounters.Series> series = counters.read(proxy);
      long outbound =
          series.stream()
              .filter(s -> s.key().direction().equals("outbound"))
              .filter(s -> s.key().authority().equals("ledger.payments.svc.cluster.local:8080"))
              .mapToLong(LinkerdCounters.Series::requests)
              .sum();
      assertThat(outbound).isPositive().isEqualTo(sentByPod.get(proxy.podKey()));
      String text = LinkerdMetricsText.render(proxy, series, traffic.now());
      assertThat(text)
          .contains("proxy_build_info{version=\"stable-2.14.10\"")
          .contains("process_start_time_seconds ");
    }
    // The third checkout pod has no proxy: it takes its share of the calls and counts them nowhere.
    assertThat(sentByPod).hasSize(3);
  }
}
