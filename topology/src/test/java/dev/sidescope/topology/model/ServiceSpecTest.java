package dev.sidescope.topology.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.ServiceBuilder;
import dev.sidescope.testing.WorkloadBuilder;
import java.util.List;
import java.util.Map;
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
    // The constructor under test, called as the manifest reader calls it.
    ServiceSpec fromFile =
        new ServiceSpec(
            ServiceBuilder.service("web").id(),
            Platform.KUBERNETES,
            "shop",
            "web",
            Map.of(),
            List.of());

    assertThat(fromFile.endpoints()).isEmpty();
    assertThat(fromFile.selects(web)).isFalse();
  }

  private static ServiceSpec service(Map<String, String> selector, Set<String> endpoints) {
    ServiceBuilder service = ServiceBuilder.service("web").noSelector().port(80);
    selector.forEach(service::selector);
    endpoints.forEach(service::endpoint);
    return service.build();
  }

  private static WorkloadSpec pod(String namespace, String name, Map<String, String> labels) {
    WorkloadBuilder pod = WorkloadBuilder.pod(name).namespace(namespace);
    labels.forEach(pod::label);
    return pod.spec();
  }
}
