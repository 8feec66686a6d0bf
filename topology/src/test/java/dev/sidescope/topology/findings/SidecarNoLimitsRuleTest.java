package dev.sidescope.topology.findings;

import static dev.sidescope.testing.Containers.container;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Resources;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SidecarNoLimitsRuleTest {
  private final SidecarNoLimitsRule rule = new SidecarNoLimitsRule();

  private List<Finding> examine(Workload workload) {
    return rule.examine(workload, new DoctorContext(List.of(workload), List.of()));
  }

  private static Resources limits(String cpu, String memory) {
    return new Resources(Optional.ofNullable(cpu), Optional.ofNullable(memory));
  }

  private static Workload podWithEnvoyLimits(Resources limits) {
    return WorkloadBuilder.pod("checkout-7d9f-aaaaa")
        .app("checkout")
        .sidecar(SidecarKind.ENVOY, container("envoy").limits(limits))
        .build();
  }

  @Test
  void seedXRayDaemonWithItsLimitsIsNotReported() {
    assertThat(examine(SeedSample.xrayExamplePod().build())).isEmpty();
  }

  @ParameterizedTest(name = "cpu={0} memory={1}")
  @CsvSource(
      nullValues = "none",
      delimiter = '|',
      value = {
        "none | none | WARNING | has no CPU or memory limit, so it can take CPU from checkout under"
            + " load and a memory leak in it can get the whole pod evicted.",
        "100m | none | WARNING | has no memory limit, so a memory leak in it can get the whole pod,"
            + " checkout included, evicted.",
        "none | 64Mi | INFO | has no CPU limit, so under load it can take CPU from checkout."
      })
  void missingLimitIsNamedWithItsSeverity(
      String cpu, String memory, Severity severity, String rest) {
    Workload pod = podWithEnvoyLimits(limits(cpu, memory));

    assertThat(examine(pod))
        .containsExactly(
            new Finding(
                severity,
                "SIDECAR_NO_LIMITS",
                pod.id(),
                Optional.of("envoy"),
                "Sidecar envoy in pod checkout-7d9f-aaaaa " + rest));
  }

  @Test
  void aControllerReadFromManifestsIsNamedAsItsPodTemplate() {
    Workload template =
        WorkloadBuilder.pod("checkout")
            .owner("Deployment/checkout")
            .app("checkout")
            .sidecar(SidecarKind.ENVOY, container("envoy"))
            .build();

    assertThat(examine(template))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .startsWith("Sidecar envoy in the pod template of Deployment/checkout has no"));
  }

  @Test
  void aReplicaIsNamedAsAPod() {
    Workload replica =
        WorkloadBuilder.pod("checkout-7d9f-aaaaa")
            .owner("Deployment/checkout")
            .app("checkout")
            .sidecar(SidecarKind.ENVOY, container("envoy"))
            .build();

    assertThat(examine(replica))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .startsWith("Sidecar envoy in pod checkout-7d9f-aaaaa has no"));
  }

  @Test
  void sidecarWithBothLimitsIsNotReported() {
    assertThat(examine(podWithEnvoyLimits(limits("200m", "128Mi")))).isEmpty();
  }

  @Test
  void nativeSidecarIsASidecarToo() {
    Workload pod =
        WorkloadBuilder.pod("checkout-7d9f-aaaaa")
            .app("checkout")
            .sidecar(
                SidecarKind.ISTIO_PROXY,
                container("istio-proxy").initContainer(true).restartAlways(true))
            .build();

    assertThat(examine(pod)).hasSize(1);
  }

  @Test
  void appWithoutLimitsIsNotReported() {
    Workload pod =
        WorkloadBuilder.pod("checkout-7d9f-aaaaa")
            .app("checkout")
            .sidecar(SidecarKind.ENVOY, container("envoy").limits(limits("1", "1Gi")))
            .build();

    assertThat(examine(pod)).isEmpty();
  }

  @Test
  void ecsSidecarsShareTheTaskSizeAndAreNotReported() {
    assertThat(examine(SeedSample.orderServiceTask().build())).isEmpty();
  }
}
