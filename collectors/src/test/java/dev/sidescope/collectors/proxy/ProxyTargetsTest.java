package dev.sidescope.collectors.proxy;

import static dev.sidescope.testing.Containers.container;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.Containers;
import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxyTargetsTest {

  private static Workload pod(String name, SidecarKind kind, String container) {
    return WorkloadBuilder.pod(name).app("app").sidecar(kind, container).build();
  }

  @Test
  void eachKindOfProxyIsReadOnItsAdminPortThroughAPortForward() {
    Workload istio = pod("reviews-1", SidecarKind.ISTIO_PROXY, "istio-proxy");
    Workload envoy = pod("front-1", SidecarKind.ENVOY, "envoy");
    Workload linkerd = pod("web-1", SidecarKind.LINKERD_PROXY, "linkerd-proxy");
    Workload named =
        WorkloadBuilder.pod("order-1")
            .app("app")
            .sidecar(
                SidecarKind.APPMESH_ENVOY,
                container("envoy", "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.27")
                    .port(new Port(15000, "TCP", Optional.of("admin"))))
            .build();

    ProxyTargets targets = ProxyTargets.fromWorkloads(List.of(istio, envoy, linkerd, named));

    assertThat(targets.ecsProxies()).isZero();
    assertThat(targets.targets())
        .extracting(t -> t.subject() + " " + t.kind().id() + " " + t.reach().describe())
        .containsExactlyInAnyOrder(
            istio.id() + "/istio-proxy envoy port-forward shop/reviews-1:15000",
            envoy.id() + "/envoy envoy port-forward shop/front-1:9901",
            linkerd.id() + "/linkerd-proxy linkerd port-forward shop/web-1:4191",
            named.id() + "/envoy envoy port-forward shop/order-1:15000");
    assertThat(targets.targets()).extracting(ProxyTarget::subject).isSorted();
  }

  @Test
  void ecsProxiesAreCountedNotTargetedAndOtherSidecarsAreLeftOut() {
    Workload ecs =
        WorkloadBuilder.task("0123abcd")
            .app("app")
            .sidecar(SidecarKind.APPMESH_ENVOY, "envoy")
            .build();
    Workload fluent = pod("logs-1", SidecarKind.FLUENT_BIT, "fluent-bit");

    ProxyTargets targets = ProxyTargets.fromWorkloads(List.of(ecs, fluent));

    assertThat(targets.targets()).isEmpty();
    assertThat(targets.ecsProxies()).isEqualTo(1);
  }

  @Test
  void podsThatAreNotRunningReadFromFilesOrNotInTheNamespaceAreLeftOut() {
    Workload pending =
        WorkloadBuilder.pod("pending-1")
            .phase("Pending")
            .app("app")
            .sidecar(SidecarKind.ENVOY, "envoy")
            .build();
    Workload waiting =
        WorkloadBuilder.pod("crash-1")
            .app("app")
            .sidecar(
                SidecarKind.ENVOY,
                container("envoy").state(Containers.waiting("CrashLoopBackOff", 3)))
            .build();
    Workload elsewhere =
        WorkloadBuilder.pod("other-1")
            .namespace("billing")
            .app("app")
            .sidecar(SidecarKind.ENVOY, "envoy")
            .build();
    Workload here = pod("front-1", SidecarKind.ENVOY, "envoy");
    Workload fromFile =
        WorkloadBuilder.pod("order-service")
            .source("manifests")
            .app("app")
            .sidecar(SidecarKind.ENVOY, "envoy")
            .build();

    assertThat(ProxyTargets.fromWorkloads(List.of(pending, waiting, fromFile, here)).targets())
        .extracting(ProxyTarget::displayName)
        .containsExactly("shop/front-1");
    assertThat(
            ProxyTargets.fromWorkloads(List.of(here, elsewhere), Optional.of("billing")).targets())
        .extracting(ProxyTarget::displayName)
        .containsExactly("billing/other-1");
  }
}
