package dev.sidescope.samples.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.samples.kubernetes.ClusterExpander;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.WorkloadSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClusterGeneratorTest {
  private static final ClusterGenerator.Spec SPEC = ClusterGenerator.Spec.parse("pods=2000,seed=7");
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  @Test
  void theObservationsNameTheSamePodsTheServerServes() {
    Observations observations = ClusterGenerator.generate(SPEC);
    List<HasMetadata> served = served();

    assertThat(observations.workloads())
        .extracting(WorkloadSpec::name)
        .containsExactlyInAnyOrderElementsOf(
            pods(served).stream().map(p -> p.getMetadata().getName()).toList());
    assertThat(observations.workloads()).hasSize(2000);
  }

  @Test
  void theSameSpecGivesTheSameCluster() {
    List<String> first =
        ClusterGenerator.generate(SPEC).workloads().stream().map(WorkloadSpec::id).toList();
    List<String> again =
        ClusterGenerator.generate(SPEC).workloads().stream().map(WorkloadSpec::id).toList();

    assertThat(again).isEqualTo(first);
  }

  @Test
  void everyPodHasOneToFourSidecarsAndIstioNamespacesAreInjected() {
    List<HasMetadata> served = served();
    Set<String> istioNamespaces =
        served.stream()
            .filter(o -> o instanceof Namespace)
            .filter(o -> o.getMetadata().getLabels().containsKey("istio-injection"))
            .map(o -> o.getMetadata().getName())
            .collect(Collectors.toSet());

    assertThat(istioNamespaces).contains("team-1");
    for (Pod pod : pods(served)) {
      int sidecars = pod.getSpec().getContainers().size() - 1;
      assertThat(sidecars).isBetween(1, 4);
      if (istioNamespaces.contains(pod.getMetadata().getNamespace())) {
        assertThat(pod.getSpec().getInitContainers())
            .extracting(Container::getName)
            .containsExactly("istio-init");
        assertThat(pod.getSpec().getContainers())
            .extracting(Container::getName)
            .contains("istio-proxy");
        assertThat(pod.getMetadata().getAnnotations()).containsKey("sidecar.istio.io/status");
      }
    }
  }

  @Test
  void upstreamUrlsNameServicesThatExist() {
    List<HasMetadata> served = served();
    Set<String> services =
        served.stream()
            .filter(o -> o instanceof Service)
            .map(o -> o.getMetadata().getName() + "." + o.getMetadata().getNamespace())
            .collect(Collectors.toSet());

    List<String> upstreams =
        pods(served).stream()
            .flatMap(p -> p.getSpec().getContainers().get(0).getEnv().stream())
            .filter(e -> e.getName().equals("UPSTREAM_URL"))
            .map(EnvVar::getValue)
            .distinct()
            .toList();
    assertThat(upstreams).isNotEmpty();
    for (Pod pod : pods(served)) {
      pod.getSpec().getContainers().get(0).getEnv().stream()
          .filter(e -> e.getName().equals("UPSTREAM_URL"))
          .forEach(
              e -> {
                String host = e.getValue().replaceFirst("^http://", "").replaceFirst(":8080$", "");
                String qualified =
                    host.contains(".")
                        ? host.replace(".svc.cluster.local", "")
                        : host + "." + pod.getMetadata().getNamespace();
                assertThat(services).contains(qualified);
              });
    }
  }

  @Test
  void aFewSidecarsAreUnhealthyInBothForms() {
    Observations observations = ClusterGenerator.generate(SPEC);
    long unreadyObserved =
        observations.workloads().stream()
            .flatMap(w -> w.containers().stream())
            .map(ContainerSpec::state)
            .filter(s -> s.ready().isPresent() && !s.ready().get())
            .count();
    long unreadyServed =
        pods(served()).stream()
            .flatMap(p -> p.getStatus().getContainerStatuses().stream())
            .filter(s -> !s.getReady())
            .count();

    assertThat(unreadyObserved).isPositive().isLessThan(200).isEqualTo(unreadyServed);
  }

  private static List<HasMetadata> served() {
    return ClusterExpander.expand(
        ClusterGenerator.cluster(SPEC), ClusterGenerator.expansion(SPEC, NOW));
  }

  private static List<Pod> pods(List<HasMetadata> objects) {
    return objects.stream().filter(o -> o instanceof Pod).map(o -> (Pod) o).toList();
  }
}
