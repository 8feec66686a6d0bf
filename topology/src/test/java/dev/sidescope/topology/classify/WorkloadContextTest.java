package dev.sidescope.topology.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkloadContextTest {

  @ParameterizedTest(name = "{1} in {0} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"initContainers":["istio-init","istio-proxy"],"containers":null,"volumes":["istio-envoy"]} | istio-proxy | true
          {"initContainers":["istio-init","istio-proxy"],"containers":null,"volumes":["istio-envoy"]} | istio-init  | true
          {"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["istio-envoy"]}     | istio-proxy | true
          {"initContainers": [ "istio-init" ], "containers": [ "istio-proxy" ]}                        | istio-proxy | true
          {"initContainers":["istio-init","istio-proxy"],"containers":null,"volumes":["istio-envoy"]} | istio-envoy | false
          {"initContainers":["istio-init","istio-proxy"],"containers":null,"revision":"default"}      | default     | false
          {"initContainers":["istio-init","istio-proxy"],"containers":null}                           | istio       | false
          {"initContainers":["istio-init","istio-proxy"],"containers":null}                           | proxy       | false
          {"initContainers":["istio-init","istio-proxy"                                               | istio-proxy | false
          not json at all                                                                             | istio-proxy | false
          """)
  void statusAnnotationListsOnlyTheInjectedContainers(String json, String name, boolean listed) {
    assertThat(WorkloadContext.listsContainer(json, name)).isEqualTo(listed);
  }
}
