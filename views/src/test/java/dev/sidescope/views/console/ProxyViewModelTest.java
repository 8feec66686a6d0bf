package dev.sidescope.views.console;

import static dev.sidescope.testing.SeedSample.ORDER_APP;
import static dev.sidescope.testing.SeedSample.ORDER_ENVOY;
import static dev.sidescope.testing.SeedSample.ORDER_POD;
import static dev.sidescope.testing.SeedSample.ORDER_XRAY;
import static dev.sidescope.testing.SeedSample.PAYMENT_POD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.WorkloadSpec;
import dev.sidescope.topology.model.proxy.ConfigTree;
import dev.sidescope.topology.model.proxy.ProxyReading;
import dev.sidescope.topology.model.proxy.ProxyServer;
import dev.sidescope.topology.model.proxy.StatSeries;
import dev.sidescope.views.NoProxies;
import dev.sidescope.views.testing.CannedProxies;
import dev.sidescope.views.testing.ProxiedSeed;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Envoy tab's decisions, with no toolkit: answers are handed back at once. */
class ProxyViewModelTest {
  private static final Executor AT_ONCE = Runnable::run;
  private static final TopologySnapshot SEED = SeedSample.snapshot();
  private static final TopologySnapshot PROXIED = ProxiedSeed.proxied(SEED);
  private static final String PAYMENT_ENVOY = PAYMENT_POD + "/envoy";

  private final CannedProxies queries = ProxiedSeed.queries();

  private ProxyViewModel model() {
    return new ProxyViewModel(queries, AT_ONCE);
  }

  private ProxyViewModel inspecting(String id) {
    ProxyViewModel m = model();
    m.inspect(PROXIED, Optional.of(id));
    return m;
  }

  private static List<String> clusters(ProxyViewModel m) {
    return m.overview().get().orElseThrow().upstreams().stream().map(UpstreamRow::cluster).toList();
  }

  // ---- when the tab shows

  @Test
  void theTabShowsForAProxySidecarAndForABoxThatHoldsOne() {
    assertThat(ProxyViewModel.subjectOf(PROXIED, Optional.of(ORDER_ENVOY))).contains(ORDER_ENVOY);
    assertThat(ProxyViewModel.subjectOf(PROXIED, Optional.of(ORDER_POD))).contains(ORDER_ENVOY);
    assertThat(ProxyViewModel.subjectOf(SEED, Optional.of(PAYMENT_ENVOY)))
        .as("a proxy sidecar not read yet")
        .contains(PAYMENT_ENVOY);
    assertThat(ProxyViewModel.proxied(PROXIED, Optional.of(ORDER_XRAY))).isFalse();
    assertThat(ProxyViewModel.proxied(PROXIED, Optional.of(ORDER_APP))).isFalse();
    assertThat(ProxyViewModel.proxied(PROXIED, Optional.of(SeedSample.ORDER_TASK)))
        .as("the ECS task has no proxy")
        .isFalse();
    assertThat(
            SideTab.forNode(
                Optional.of(ORDER_POD),
                false,
                ProxyViewModel.proxied(PROXIED, Optional.of(ORDER_POD))))
        .containsExactly(SideTab.INSPECTOR, SideTab.ENVOY);
    assertThat(SideTab.forNode(Optional.of(ORDER_POD), true, true))
        .containsExactly(SideTab.INSPECTOR, SideTab.TRAFFIC, SideTab.ENVOY);
  }

  @Test
  void questionsNameTheSidecarAsTheProxySourceDoesWhereThePictureGroupsItsPod() {
    // Grouped by workload, the reading sits under the box's container id, still naming the pod's.
    String boxEnvoy = "kubernetes/seed/shop/Deployment/order-service/envoy";
    ProxyReading podReading =
        PROXIED.overlays().get(ORDER_ENVOY, OverlayKeys.PROXY_READINGS).orElseThrow();
    TopologySnapshot grouped =
        withOverlays(
            SEED, OverlayData.builder().put(boxEnvoy, OverlayKeys.PROXY_READINGS, podReading));
    ProxyViewModel m = model();
    m.tabOpen(true);
    m.inspect(grouped, Optional.of(boxEnvoy));
    m.loadConfiguration();

    assertThat(queries.asked)
        .isNotEmpty()
        .allMatch(q -> q.contains(" " + ORDER_ENVOY), "asked about the pod's sidecar");
  }

  @Test
  void aProxyKnownOnlyByItsAdminUrlHasTheTabOnItsOwnNode() {
    String subject = ProxyReading.unmatchedSubject("http://10.0.3.7:9901");
    ProxyReading r =
        new ProxyReading(
            subject,
            "http://10.0.3.7:9901",
            "envoy",
            new ProxyServer("edge-gateway", "LIVE", Optional.empty(), OptionalLong.empty()),
            List.of(),
            false,
            SeedSample.NOW);
    TopologySnapshot s =
        withOverlays(SEED, OverlayData.builder().put(subject, OverlayKeys.PROXY_READINGS, r));
    ProxyViewModel m = model();
    m.inspect(s, Optional.of(subject));
    ProxyOverview o = m.overview().get().orElseThrow();
    assertThat(o.heading()).isEqualTo("edge-gateway");
    assertThat(o.subtitle()).isEqualTo("proxy · http://10.0.3.7:9901");
    assertThat(o.server().orElseThrow().version()).isEqualTo("unknown");
    assertThat(o.server().orElseThrow().uptime()).isEqualTo("unknown");
  }

  // ---- server

  @Test
  void theServerSaysItsNameVersionStateUptimeAndWhereItWasRead() {
    ProxyOverview o = inspecting(ORDER_POD).overview().get().orElseThrow();
    assertThat(o.heading()).isEqualTo("envoy");
    assertThat(o.subtitle()).isEqualTo("Pod " + ProxiedSeed.podName() + " · shop");
    ProxyServerView s = o.server().orElseThrow();
    assertThat(s.name()).isEqualTo("mesh/my-mesh/virtualNode/order-service_shop");
    assertThat(s.version()).isEqualTo("1.29.6");
    assertThat(s.state()).isEqualTo("LIVE");
    assertThat(s.live()).isTrue();
    assertThat(s.uptime()).isEqualTo("3 h 12 min");
    assertThat(s.admin()).isEqualTo(ProxiedSeed.ADMIN);
    assertThat(s.measuring()).isFalse();
    assertThat(o.absent()).isEmpty();
  }

  @Test
  void aDrainingProxyIsNotLiveAndAFirstPollIsStillMeasuring() {
    ProxyReading r = ProxiedSeed.reading(0, true);
    ProxyReading draining =
        new ProxyReading(
            r.subject(),
            r.admin(),
            r.kind(),
            new ProxyServer(
                r.server().name(), "DRAINING", r.server().version(), OptionalLong.of(45)),
            r.upstreams(),
            true,
            r.at());
    TopologySnapshot s =
        withOverlays(
            SEED, OverlayData.builder().put(ORDER_ENVOY, OverlayKeys.PROXY_READINGS, draining));
    ProxyViewModel m = model();
    m.inspect(s, Optional.of(ORDER_ENVOY));
    ProxyServerView v = m.overview().get().orElseThrow().server().orElseThrow();
    assertThat(v.live()).isFalse();
    assertThat(v.state()).isEqualTo("DRAINING");
    assertThat(v.uptime()).isEqualTo("45 s");
    assertThat(v.measuring()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0 s",
    "45, 45 s",
    "60, 1 min",
    "720, 12 min",
    "3600, 1 h",
    "11520, 3 h 12 min",
    "86400, 1 d",
    "187200, 2 d 4 h",
    "190000, 2 d 4 h"
  })
  void uptimeReadsInItsTwoLargestUnits(long seconds, String words) {
    assertThat(Figures.uptime(seconds)).isEqualTo(words);
  }

  // ---- upstreams

  @Test
  void upstreamsComeMostServerErrorsFirstThenBusiest() {
    assertThat(clusters(inspecting(ORDER_ENVOY)))
        .containsExactly(
            ProxiedSeed.PAYMENT,
            ProxiedSeed.INGRESS,
            ProxiedSeed.INVENTORY,
            ProxiedSeed.DYNAMODB,
            ProxiedSeed.LEGACY);
  }

  @Test
  void everyColumnSortsByItsFigure() {
    List<UpstreamRow> rows = inspecting(ORDER_ENVOY).overview().get().orElseThrow().upstreams();
    assertThat(sorted(rows, UpstreamRow.Column.P99))
        .as("a cluster without a p99 sorts below every one with it")
        .containsExactly(
            ProxiedSeed.LEGACY,
            ProxiedSeed.DYNAMODB,
            ProxiedSeed.INVENTORY,
            ProxiedSeed.INGRESS,
            ProxiedSeed.PAYMENT);
    assertThat(sorted(rows, UpstreamRow.Column.HOSTS))
        .as("the share of healthy hosts, then how many")
        .containsExactly(
            ProxiedSeed.LEGACY,
            ProxiedSeed.PAYMENT,
            ProxiedSeed.INGRESS,
            ProxiedSeed.INVENTORY,
            ProxiedSeed.DYNAMODB);
    assertThat(sorted(rows, UpstreamRow.Column.CONNECTIONS).get(4)).isEqualTo(ProxiedSeed.INGRESS);
    assertThat(sorted(rows, UpstreamRow.Column.CLUSTER).get(0)).isEqualTo(ProxiedSeed.DYNAMODB);
    for (UpstreamRow.Column c : UpstreamRow.Column.values()) {
      assertThat(c.title()).isNotBlank();
      assertThat(rows).allSatisfy(r -> assertThat(c.text(r)).isNotBlank());
    }
  }

  private static List<String> sorted(List<UpstreamRow> rows, UpstreamRow.Column c) {
    List<UpstreamRow> copy = new ArrayList<>(rows);
    copy.sort(c.order());
    return copy.stream().map(UpstreamRow::cluster).toList();
  }

  @Test
  void clustersWithNoHealthyHostOrEjectedHostsAreMarked() {
    List<UpstreamRow> rows = inspecting(ORDER_ENVOY).overview().get().orElseThrow().upstreams();
    assertThat(rows.stream().filter(UpstreamRow::marked).map(UpstreamRow::cluster))
        .containsExactlyInAnyOrder(ProxiedSeed.PAYMENT, ProxiedSeed.LEGACY);
    UpstreamRow payment = rows.get(0);
    assertThat(payment.mark()).isEqualTo("1 host ejected by outlier detection.");
    assertThat(UpstreamRow.Column.HOSTS.text(payment)).isEqualTo("2/3");
    assertThat(UpstreamRow.Column.SERVER_ERRORS.text(payment)).isEqualTo("0.6");
    assertThat(UpstreamRow.Column.ERROR_RATE.text(payment)).isEqualTo("3.0 %");
    assertThat(UpstreamRow.Column.P99.text(payment)).isEqualTo("182");
    assertThat(rows.get(4).mark()).isEqualTo("No healthy host.");
    assertThat(UpstreamRow.Column.RPS.text(rows.get(4))).isEqualTo("0");
    assertThat(UpstreamRow.Column.P99.text(rows.get(4))).isEqualTo("–");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "cds_egress_my-mesh_payment-service_shop_http_8080; payment-service_shop_http_8080",
        "cds_ingress_my-mesh_order-service_http_8080; ingress order-service_http_8080",
        "outbound|8080||payment.shop.svc.cluster.local; payment.shop:8080",
        "inbound|8080||; inbound :8080",
        "outbound|443||api.stripe.com; api.stripe.com:443",
        "payments_db; payments_db",
        "xds-grpc; xds-grpc"
      })
  void aClusterReadsWithoutThePartsEveryRowShares(String cluster, String shown) {
    UpstreamRow r =
        new UpstreamRow(
            cluster,
            ProxiedSeed.PAYMENT_HEALTH,
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            0,
            OptionalDouble.empty());
    assertThat(r.shortName()).isEqualTo(shown);
    assertThat(UpstreamRow.Column.CLUSTER.text(r)).isEqualTo(shown);
  }

  // ---- no reading

  @Test
  void aSidecarNotReadYetSaysSoAndAsksNothing() {
    ProxyViewModel m = model();
    m.tabOpen(true);
    m.inspect(PROXIED, Optional.of(PAYMENT_POD));
    ProxyOverview o = m.overview().get().orElseThrow();
    assertThat(o.server()).isEmpty();
    assertThat(o.absent()).startsWith("Not read yet:");
    assertThat(queries.asked).isEmpty();
  }

  @Test
  void withoutAProxySourceTheTabSaysItIsOff() {
    ProxyViewModel m = new ProxyViewModel(NoProxies.INSTANCE, AT_ONCE);
    m.inspect(SEED, Optional.of(ORDER_ENVOY));
    assertThat(m.overview().get().orElseThrow().absent()).isEqualTo(NoProxies.SENTENCE);
  }

  @Test
  void anEnvoyInAnEcsTaskSaysWhyItIsNotRead() {
    WorkloadSpec task =
        WorkloadBuilder.task("0a1b2c3d4e5f")
            .owner("Service/checkout")
            .phase("RUNNING")
            .app("checkout", "checkout:1.0")
            .sidecar(SidecarKind.ENVOY, "envoy", "envoyproxy/envoy:v1.29.6")
            .spec();
    Observations o = SeedSample.observations();
    List<WorkloadSpec> workloads = new ArrayList<>(o.workloads());
    workloads.add(task);
    TopologySnapshot s =
        SeedSample.snapshot(
            new Observations(workloads, o.services(), o.meshNodes(), o.sources()), Grouping.POD);
    ProxyViewModel m = model();
    m.inspect(s, Optional.of(task.id()));
    ProxyOverview v = m.overview().get().orElseThrow();
    assertThat(v.subtitle()).startsWith("ECS task ");
    assertThat(v.absent()).contains("ECS task").contains("--envoy-admin");
  }

  // ---- stats

  @Test
  void statsAreAskedWhenTheTabOpensOnTypingAndWithEachSnapshotWhileOpen() {
    ProxyViewModel m = inspecting(ORDER_POD);
    assertThat(queries.asked).as("the tab is not open").isEmpty();
    m.tabOpen(true);
    assertThat(queries.asked).containsExactly("stats " + ORDER_ENVOY + " ");
    assertThat(m.stats().get().value().orElseThrow()).hasSize(27);

    m.searchStats("PAYMENT-service_shop_http_8080.upstream_rq");
    List<StatRow> rows = m.stats().get().value().orElseThrow();
    assertThat(rows)
        .extracting(StatRow::name)
        .containsExactly(
            "cluster." + ProxiedSeed.PAYMENT + ".upstream_rq_5xx",
            "cluster." + ProxiedSeed.PAYMENT + ".upstream_rq_retry",
            "cluster." + ProxiedSeed.PAYMENT + ".upstream_rq_total");
    StatRow total = rows.get(2);
    assertThat(total.points()).hasSize(4);
    assertThat(total.points().get(0).y()).isZero();
    assertThat(total.points().get(3).y()).isEqualTo(1.0);
    assertThat(total.latest()).isEqualTo("1,600");

    m.inspect(ProxiedSeed.proxied(SEED, 5, false), Optional.of(ORDER_POD));
    assertThat(queries.asked)
        .last()
        .isEqualTo("stats " + ORDER_ENVOY + " " + m.statsSearch().get());
    assertThat(m.stats().get().value().orElseThrow().get(2).points()).hasSize(5);

    m.tabOpen(false);
    long before = queries.asked.size();
    m.inspect(PROXIED, Optional.of(ORDER_POD));
    assertThat(queries.asked).as("the tab is closed").hasSize((int) before);
  }

  @Test
  void aRefreshWhileTheLastQuestionIsOutIsDroppedAndKeepsTheRowsShown() {
    ProxyViewModel m = inspecting(ORDER_ENVOY);
    m.tabOpen(true);
    List<StatRow> shown = m.stats().get().value().orElseThrow();
    queries.holding(true);
    m.inspect(PROXIED, Optional.of(ORDER_ENVOY));
    assertThat(m.stats().get().value()).as("a refresh keeps the rows").contains(shown);
    m.inspect(PROXIED, Optional.of(ORDER_ENVOY));
    m.inspect(PROXIED, Optional.of(ORDER_ENVOY));
    assertThat(queries.held).hasSize(1);
    assertThat(queries.count("stats ")).isEqualTo(2);
  }

  @Test
  void anAnswerForTheSidecarLeftIsDropped() {
    ProxyViewModel m = inspecting(ORDER_ENVOY);
    queries.holding(true);
    m.tabOpen(true);
    assertThat(m.stats().get().state()).isEqualTo(Reply.State.ASKING);
    m.inspect(PROXIED, Optional.of(ORDER_XRAY));
    queries.complete("stats " + ORDER_ENVOY + " ", List.of(new StatSeries("late", List.of(1.0))));
    assertThat(m.stats().get().state()).isEqualTo(Reply.State.NONE);
    assertThat(m.overview().get()).isEmpty();
  }

  @Test
  void aFailedQuestionIsOneSentence() {
    ProxyViewModel m = inspecting(ORDER_ENVOY);
    queries.failing("The admin API of envoy did not answer within 5 s.\n\tat somewhere");
    m.tabOpen(true);
    assertThat(m.stats().get().state()).isEqualTo(Reply.State.FAILED);
    assertThat(m.stats().get().message())
        .isEqualTo("The admin API of envoy did not answer within 5 s.");
  }

  // ---- configuration

  @Test
  void theConfigurationIsReadOnlyWhenAskedFor() {
    ProxyViewModel m = inspecting(ORDER_ENVOY);
    m.tabOpen(true);
    m.inspect(PROXIED, Optional.of(ORDER_ENVOY));
    assertThat(queries.count("configDump")).isZero();
    assertThat(m.config().get().state()).isEqualTo(Reply.State.NONE);
    queries.holding(true);
    m.loadConfiguration();
    assertThat(m.config().get().state()).isEqualTo(Reply.State.ASKING);
    queries.complete("configDump " + ORDER_ENVOY, ProxiedSeed.config());
    assertThat(m.config().get().value()).contains(ProxiedSeed.config());
    m.inspect(PROXIED, Optional.of(ORDER_ENVOY));
    assertThat(m.config().get().value()).as("kept across snapshots").isPresent();
    assertThat(queries.count("configDump")).isEqualTo(1);
    m.inspect(PROXIED, Optional.of(PAYMENT_ENVOY));
    assertThat(m.config().get().state()).as("another sidecar").isEqualTo(Reply.State.NONE);
  }

  @Test
  void findingInTheConfigurationGoesFromMatchToMatchAndRoundAgain() {
    ConfigTree tree = ProxiedSeed.config();
    List<Integer> first = ConfigSearch.next(tree, "connect_timeout", List.of()).orElseThrow();
    assertThat(first).containsExactly(0, 1, 0, 0, 1);
    List<Integer> second = ConfigSearch.next(tree, "CONNECT_timeout", first).orElseThrow();
    assertThat(second).containsExactly(0, 1, 0, 1, 1);
    assertThat(ConfigSearch.next(tree, "connect_timeout", second)).contains(first);
    assertThat(ConfigSearch.next(tree, "redacted", List.of())).isPresent();
    assertThat(ConfigSearch.next(tree, "nowhere", List.of())).isEmpty();
    assertThat(ConfigSearch.line(ConfigTree.leaf("private_key", ConfigTree.REDACTED)))
        .isEqualTo("private_key: [redacted]");
  }

  private static TopologySnapshot withOverlays(TopologySnapshot s, OverlayData.Builder b) {
    return new TopologySnapshot(
        s.takenAt(),
        s.grouping(),
        s.sources(),
        s.workloads(),
        s.nodes(),
        s.edges(),
        s.findings(),
        b.putAll(s.overlays()).build());
  }
}
