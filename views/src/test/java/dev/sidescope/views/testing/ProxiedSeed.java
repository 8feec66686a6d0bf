package dev.sidescope.views.testing;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.proxy.ConfigTree;
import dev.sidescope.topology.model.proxy.ProxyReading;
import dev.sidescope.topology.model.proxy.ProxyServer;
import dev.sidescope.topology.model.proxy.StatSeries;
import dev.sidescope.topology.model.proxy.UpstreamHealth;
import dev.sidescope.topology.model.proxy.UpstreamReading;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The seed with what its proxy source would say: the order pod's Envoy read, with five upstream
 * clusters (one with an ejected host and an open circuit breaker, one with no healthy host), its
 * arrow to payment-service measured by Envoy and by X-Ray; the payment pod's Envoy not read yet.
 * Also canned stats and a configuration for {@link CannedProxies}.
 */
public final class ProxiedSeed {
  private ProxiedSeed() {}

  public static final String PAYMENT = "cds_egress_my-mesh_payment-service_shop_http_8080";
  public static final String INVENTORY = "cds_egress_my-mesh_inventory_shop_http_8080";
  public static final String INGRESS = "cds_ingress_my-mesh_order-service_http_8080";
  public static final String DYNAMODB = "cds_egress_my-mesh_dynamodb_us-east-1_https_443";
  public static final String LEGACY = "cds_egress_my-mesh_legacy-billing_shop_http_8080";
  public static final String ADMIN = "port-forward shop/" + podName() + ":9901";

  /** The order pod's name, as its id ends. */
  public static String podName() {
    return SeedSample.ORDER_POD.substring(SeedSample.ORDER_POD.lastIndexOf('/') + 1);
  }

  /** Uptime of the order pod's Envoy: 3 h 12 min. */
  public static final long UPTIME = 3 * 3600 + 12 * 60;

  /** The payment-service health the order Envoy reports. */
  public static final UpstreamHealth PAYMENT_HEALTH = new UpstreamHealth(2, 3, 1, 4, 0.2, 1);

  public static TopologySnapshot proxied(TopologySnapshot seed) {
    return proxied(seed, 0, false);
  }

  /**
   * The seed with the order Envoy's reading; {@code more} requests a second added to the busiest
   * upstream, as a later snapshot brings; {@code measuring}: only one poll so far.
   */
  public static TopologySnapshot proxied(TopologySnapshot seed, double more, boolean measuring) {
    OverlayData overlays =
        OverlayData.builder()
            .putAll(seed.overlays())
            .put(SeedSample.ORDER_ENVOY, OverlayKeys.PROXY_READINGS, reading(more, measuring))
            .build();
    List<Edge> edges = new ArrayList<>();
    for (Edge e : seed.edges()) {
      if (e.from().equals(SeedSample.ORDER_ENVOY)
          && e.kind() == EdgeKind.UPSTREAM
          && e.to().contains("payment")) {
        edges.add(
            e.measured(Evidence.XRAY, figures(25.1, 38, 176, 0.021), Optional.empty())
                .measured(
                    Evidence.ENVOY, figures(24.8, 41, 182, 0.03), Optional.of(PAYMENT_HEALTH)));
      } else {
        edges.add(e);
      }
    }
    return new TopologySnapshot(
        seed.takenAt(),
        seed.grouping(),
        seed.sources(),
        seed.workloads(),
        seed.nodes(),
        edges,
        seed.findings(),
        overlays);
  }

  public static ProxyReading reading(double more, boolean measuring) {
    return new ProxyReading(
        SeedSample.ORDER_ENVOY,
        ADMIN,
        "envoy",
        new ProxyServer(
            "mesh/my-mesh/virtualNode/order-service_shop",
            ProxyServer.LIVE,
            Optional.of("1.29.6"),
            OptionalLong.of(UPTIME)),
        List.of(
            upstream(PAYMENT, 24.8, 182, 0.6, 0.03, PAYMENT_HEALTH),
            upstream(INVENTORY, 61 + more, 40, 0, 0.001, new UpstreamHealth(3, 3, 0, 9, 0, 0)),
            upstream(INGRESS, 38.2, 120, 0.1, 0.004, new UpstreamHealth(1, 1, 0, 12, 0, 0)),
            upstream(DYNAMODB, 12, 9.5, 0, 0, new UpstreamHealth(4, 4, 0, 2, 0.1, 0)),
            upstream(LEGACY, 0, 0, 0, 0, new UpstreamHealth(0, 2, 0, 0, 0, 0))),
        measuring,
        SeedSample.NOW);
  }

  private static UpstreamReading upstream(
      String cluster, double rps, double p99, double fiveXx, double errors, UpstreamHealth h) {
    EdgeMetrics m =
        rps == 0
            ? new EdgeMetrics(
                OptionalDouble.of(0),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty())
            : figures(rps, p99 / 4, p99, errors);
    return new UpstreamReading(cluster, m, errors * rps - fiveXx > 0 ? 0.05 : 0, fiveXx, h);
  }

  private static EdgeMetrics figures(double rps, double p50, double p99, double errorRate) {
    return new EdgeMetrics(
        OptionalDouble.of(rps),
        OptionalDouble.of(p50),
        OptionalDouble.of(p99 * 0.7),
        OptionalDouble.of(p99),
        OptionalDouble.of(errorRate));
  }

  /** Stats of the order Envoy, each with {@code polls} recent values. */
  public static List<StatSeries> stats(int polls) {
    List<StatSeries> out = new ArrayList<>();
    String[] clusters = {PAYMENT, INVENTORY, INGRESS, DYNAMODB, LEGACY};
    String[] names = {
      "upstream_cx_active",
      "upstream_rq_5xx",
      "upstream_rq_retry",
      "upstream_rq_total",
      "outlier_detection.ejections_active"
    };
    int c = 0;
    for (String cluster : clusters) {
      int n = 0;
      for (String name : names) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < polls; i++) {
          double base = 100.0 * (c + 1) * (n + 1);
          values.add(
              name.endsWith("total")
                  ? base * (i + 1)
                  : (double) Math.round(base + 7 * Math.sin(i + c + n)));
        }
        out.add(new StatSeries("cluster." + cluster + "." + name, values));
        n++;
      }
      c++;
    }
    out.add(new StatSeries("server.live", List.of(1.0)));
    out.add(new StatSeries("server.memory_allocated", List.of(9_812_344.0, 9_820_112.0)));
    out.sort(Comparator.comparing(StatSeries::name));
    return out;
  }

  /** The order Envoy's configuration dump, its private key redacted. */
  public static ConfigTree config() {
    return ConfigTree.branch(
        "",
        List.of(
            ConfigTree.branch(
                "configs",
                List.of(
                    ConfigTree.branch(
                        "[0] BootstrapConfigDump",
                        List.of(
                            ConfigTree.branch(
                                "bootstrap",
                                List.of(
                                    ConfigTree.branch(
                                        "node",
                                        List.of(
                                            ConfigTree.leaf(
                                                "id",
                                                "mesh/my-mesh/virtualNode/order-service_shop"),
                                            ConfigTree.leaf("cluster", "order-service"))),
                                    ConfigTree.branch(
                                        "admin",
                                        List.of(ConfigTree.leaf("address", "0.0.0.0:9901"))))))),
                    ConfigTree.branch(
                        "[1] ClustersConfigDump",
                        List.of(
                            ConfigTree.branch(
                                "dynamic_active_clusters",
                                List.of(
                                    ConfigTree.branch(
                                        "[0]",
                                        List.of(
                                            ConfigTree.leaf("name", PAYMENT),
                                            ConfigTree.leaf("connect_timeout", "1s"),
                                            ConfigTree.branch(
                                                "transport_socket",
                                                List.of(
                                                    ConfigTree.leaf(
                                                        "name", "envoy.transport_sockets.tls"),
                                                    ConfigTree.leaf(
                                                        "private_key", ConfigTree.REDACTED))))),
                                    ConfigTree.branch(
                                        "[1]",
                                        List.of(
                                            ConfigTree.leaf("name", INVENTORY),
                                            ConfigTree.leaf("connect_timeout", "0.25s"))))))),
                    ConfigTree.branch(
                        "[2] ListenersConfigDump",
                        List.of(
                            ConfigTree.branch(
                                "dynamic_listeners",
                                List.of(
                                    ConfigTree.branch(
                                        "[0]",
                                        List.of(
                                            ConfigTree.leaf("name", "lds_ingress_0.0.0.0_15000"),
                                            ConfigTree.leaf("address", "0.0.0.0:15000")))))))))));
  }

  /** Canned answers: the stats above (one more poll with every question) and the configuration. */
  public static CannedProxies queries() {
    return new CannedProxies().stats(ProxiedSeed::stats).config(s -> config());
  }
}
