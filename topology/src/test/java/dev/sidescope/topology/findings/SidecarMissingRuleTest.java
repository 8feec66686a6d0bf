package dev.sidescope.topology.findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SidecarMissingRuleTest {
  private static final String OWNER = "Deployment/checkout";

  private final SidecarMissingRule rule = new SidecarMissingRule();

  private static Workload meshed(String name) {
    return WorkloadBuilder.pod(name)
        .owner(OWNER)
        .app("checkout")
        .sidecar(SidecarKind.ISTIO_PROXY, "istio-proxy")
        .build();
  }

  private static Workload bare(String name) {
    return WorkloadBuilder.pod(name).owner(OWNER).app("checkout").build();
  }

  private List<Finding> examine(Workload workload, Workload... all) {
    return rule.examine(workload, new DoctorContext(List.of(all), List.of()));
  }

  @Test
  void podWithoutTheMeshProxyItsSiblingsRunIsAnError() {
    Workload a = meshed("checkout-7d9f-aaaaa");
    Workload b = meshed("checkout-7d9f-bbbbb");
    Workload c = bare("checkout-7d9f-ccccc");

    assertThat(examine(c, a, b, c))
        .containsExactly(
            new Finding(
                Severity.ERROR,
                "SIDECAR_MISSING",
                c.id(),
                Optional.of("istio-proxy"),
                "Pod checkout-7d9f-ccccc lacks the istio-proxy sidecar that the other 2 pods of"
                    + " Deployment/checkout run, most likely a failed injection, so traffic to and"
                    + " from checkout bypasses the mesh."));
  }

  @Test
  void theSiblingsThatHaveItAreNotReported() {
    Workload a = meshed("checkout-7d9f-aaaaa");
    Workload b = meshed("checkout-7d9f-bbbbb");
    Workload c = bare("checkout-7d9f-ccccc");

    assertThat(examine(a, a, b, c)).isEmpty();
  }

  @Test
  void ownerWithTwoWorkloadsIsEnough() {
    Workload withDaemon =
        WorkloadBuilder.pod("order-service-5f7c9-aaaaa")
            .owner("Deployment/order-service")
            .app("order-service")
            .sidecar(SidecarKind.XRAY_DAEMON, "xray-daemon")
            .build();
    Workload without =
        WorkloadBuilder.pod("order-service-5f7c9-bbbbb")
            .owner("Deployment/order-service")
            .app("order-service")
            .build();

    assertThat(examine(without, withDaemon, without))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.message())
                  .isEqualTo(
                      "Pod order-service-5f7c9-bbbbb lacks the xray-daemon sidecar that the other"
                          + " pod of Deployment/order-service runs, most likely a failed"
                          + " injection, so traces from order-service are not reaching X-Ray.");
            });
  }

  @Test
  void ownerWithASingleWorkloadIsNotReported() {
    Workload only = bare("checkout-7d9f-ccccc");

    assertThat(examine(only, only)).isEmpty();
  }

  @Test
  void barePodsHaveNoSiblings() {
    Workload a =
        WorkloadBuilder.pod("debug-a").app("shell").sidecar(SidecarKind.ENVOY, "envoy").build();
    Workload b = WorkloadBuilder.pod("debug-b").app("shell").build();

    assertThat(examine(b, a, b)).isEmpty();
  }

  @Test
  void sameOwnerNameInAnotherNamespaceIsNoSibling() {
    Workload a = meshed("checkout-7d9f-aaaaa");
    Workload other =
        WorkloadBuilder.pod("checkout-7d9f-zzzzz")
            .namespace("staging")
            .owner(OWNER)
            .app("checkout")
            .build();

    assertThat(examine(other, a, other)).isEmpty();
  }

  @Test
  void extraSidecarOnOneSiblingDoesNotMakeTheOthersMissingIt() {
    Workload debug =
        WorkloadBuilder.pod("checkout-7d9f-aaaaa")
            .owner(OWNER)
            .app("checkout")
            .sidecar(SidecarKind.UNKNOWN, "debug-shell")
            .build();
    Workload b = bare("checkout-7d9f-bbbbb");
    Workload c = bare("checkout-7d9f-ccccc");

    assertThat(examine(b, debug, b, c)).isEmpty();
  }

  @Test
  void majorityOfSiblingsIsEnoughAndTheCountIsSaid() {
    Workload a = meshed("checkout-7d9f-aaaaa");
    Workload b = meshed("checkout-7d9f-bbbbb");
    Workload c = bare("checkout-7d9f-ccccc");
    Workload d = bare("checkout-7d9f-ddddd");
    Workload e = meshed("checkout-7d9f-eeeee");

    assertThat(examine(d, a, b, c, d, e))
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains("that 3 of the other 4 pods of Deployment/checkout run");
  }

  @Test
  void missingSidecarIsNamedAsMostSiblingsNameIt() {
    Workload a =
        WorkloadBuilder.pod("web-1")
            .owner("Deployment/web")
            .app("web")
            .sidecar(SidecarKind.FLUENT_BIT, "log-router")
            .build();
    Workload b =
        WorkloadBuilder.pod("web-2")
            .owner("Deployment/web")
            .app("web")
            .sidecar(SidecarKind.FLUENT_BIT, "fluent-bit")
            .build();
    Workload c =
        WorkloadBuilder.pod("web-3")
            .owner("Deployment/web")
            .app("web")
            .sidecar(SidecarKind.FLUENT_BIT, "fluent-bit")
            .build();
    Workload lacking = WorkloadBuilder.pod("web-4").owner("Deployment/web").app("web").build();

    assertThat(examine(lacking, a, b, c, lacking))
        .singleElement()
        .satisfies(f -> assertThat(f.container()).contains("fluent-bit"));
  }

  @Test
  void ecsTasksOfOneServiceAreSiblings() {
    Workload a =
        WorkloadBuilder.task("aaaa1111")
            .owner("Service/orders")
            .app("orders")
            .sidecar(SidecarKind.APPMESH_ENVOY, "envoy")
            .build();
    Workload b = WorkloadBuilder.task("bbbb2222").owner("Service/orders").app("orders").build();

    assertThat(examine(b, a, b))
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .startsWith("Task bbbb2222 lacks the envoy sidecar that the other task of Service/orders");
  }
}
