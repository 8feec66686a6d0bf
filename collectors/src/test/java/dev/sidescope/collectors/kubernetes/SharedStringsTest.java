package dev.sidescope.collectors.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The source's own reading of API objects, on real payloads from {@code fixtures/}. */
class SharedStringsTest {
  private final KubernetesSerialization serialization = SharedStrings.serialization();

  private <T> T read(String fixture, Class<T> type) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/fixtures/kubernetes/" + fixture)) {
      return serialization.unmarshal(in, type);
    }
  }

  @Test
  void aPodKeepsWhatTheSourceReadsAndSkipsWhatItNeverDoes() throws Exception {
    Pod pod = read("pod_crashloopbackoff_status.yaml", Pod.class);

    assertThat(pod.getMetadata().getName()).isNotBlank();
    assertThat(pod.getSpec().getContainers())
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.getImage()).isNotBlank());
    assertThat(pod.getStatus().getContainerStatuses())
        .isNotEmpty()
        .allSatisfy(
            s -> {
              assertThat(s.getName()).isNotBlank();
              assertThat(s.getRestartCount()).isNotNull();
              assertThat(s.getState()).isNotNull();
              assertThat(s.getContainerID()).isNull();
            });
    assertThat(pod.getStatus().getPhase()).isNotBlank();
    assertThat(pod.getSpec().getTolerations()).isNullOrEmpty();
    assertThat(pod.getStatus().getConditions()).isNullOrEmpty();
  }

  @Test
  void aControllerKeepsItsMetadataOnly() throws Exception {
    Deployment deployment = read("istio_injected_deployment_hello.yaml", Deployment.class);

    assertThat(deployment.getMetadata().getName()).isEqualTo("hello");
    assertThat(deployment.getSpec()).isNull();
  }

  @Test
  void shortStringsAreShared() throws Exception {
    Pod one = read("pod_crashloopbackoff_status.yaml", Pod.class);
    Pod two = read("pod_crashloopbackoff_status.yaml", Pod.class);

    assertThat(one.getSpec().getContainers().get(0).getImage())
        .isSameAs(two.getSpec().getContainers().get(0).getImage());
  }
}
