package dev.sidescope.topology.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceSpecTest {
  private final WorkloadSpec web = pod("shop", "web-1", Map.of("app", "web"));

  @Test
  void aSelectorSelectsThePodsWhoseLabelsContainIt() {
    ServiceSpec service = service(Map.of("app", "web"), Set.of());

    assertThat(service.selects(web)).isTrue();
    assertThat(service.selects(pod("shop", "db-1", Map.of("app", "db")))).isFalse();
    assertThat(service.selects(pod("other", "web-1", Map.of("app", "web")))).isFalse();
  }

  @Test
  void aServiceWithoutSelectorSelectsThePodsItsEndpointSlicesNameOnly() {
    ServiceSpec manual = service(Map.of(), Set.of(web.id()));

    assertThat(manual.selects(web)).isTrue();
    assertThat(manual.selects(pod("shop", "web-2", Map.of("app", "web")))).isFalse();
  }

  @Test
  void theManifestConstructorKnowsNoEndpoints() {
    ServiceSpec fromFile =
        new ServiceSpec(
            "service/test/shop/web", Platform.KUBERNETES, "shop", "web", Map.of(), List.of());

    assertThat(fromFile.endpoints()).isEmpty();
    assertThat(fromFile.selects(web)).isFalse();
  }

  private static ServiceSpec service(Map<String, String> selector, Set<String> endpoints) {
    return new ServiceSpec(
        "service/test/shop/web",
        Platform.KUBERNETES,
        "shop",
        "web",
        selector,
        List.of(new Port(80, "TCP", Optional.empty())),
        endpoints);
  }

  private static WorkloadSpec pod(String namespace, String name, Map<String, String> labels) {
    return new WorkloadSpec(
        "kubernetes/test/" + namespace + "/" + name,
        Platform.KUBERNETES,
        "kubernetes/test",
        namespace,
        name,
        Optional.empty(),
        labels,
        Map.of(),
        List.of(),
        Optional.empty(),
        Optional.empty());
  }
}
