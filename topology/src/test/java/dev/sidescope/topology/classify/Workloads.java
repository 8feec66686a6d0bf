package dev.sidescope.topology.classify;

import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.LogConfig;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.ProxyConfig;
import dev.sidescope.topology.model.WorkloadSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-built pods and tasks for the classifier's tests. */
final class Workloads {

  private Workloads() {}

  static ContainerSpec.Builder container(String name, String image) {
    return ContainerSpec.builder(name, image);
  }

  static ContainerSpec.Builder init(String name, String image) {
    return ContainerSpec.builder(name, image).initContainer(true);
  }

  static ContainerSpec.Builder nativeSidecar(String name, String image) {
    return ContainerSpec.builder(name, image).initContainer(true).restartAlways(true);
  }

  static ContainerSpec.Builder essential(String name, String image, boolean essential) {
    return ContainerSpec.builder(name, image).essential(essential);
  }

  static ContainerSpec.Builder logRouter(String name, String image, String type) {
    return ContainerSpec.builder(name, image)
        .essential(true)
        .firelens(new LogConfig(type, Map.of()));
  }

  static WorkloadSpec pod(String name, ContainerSpec.Builder... containers) {
    return pod(name, Map.of(), containers);
  }

  static WorkloadSpec pod(
      String name, Map<String, String> annotations, ContainerSpec.Builder... containers) {
    return new WorkloadSpec(
        "kubernetes/test/default/" + name,
        Platform.KUBERNETES,
        "kubernetes/test",
        "default",
        name,
        Optional.empty(),
        Map.of(),
        annotations,
        build(containers),
        Optional.empty(),
        Optional.empty());
  }

  static WorkloadSpec task(String family, ContainerSpec.Builder... containers) {
    return task(family, Optional.empty(), containers);
  }

  static WorkloadSpec task(
      String family, Optional<ProxyConfig> proxy, ContainerSpec.Builder... containers) {
    return new WorkloadSpec(
        "ecs/us-east-1/test/" + family,
        Platform.ECS,
        "ecs/us-east-1",
        "test",
        family,
        Optional.of("TaskDefinition/" + family + ":1"),
        Map.of(),
        Map.of(),
        build(containers),
        proxy,
        Optional.empty());
  }

  static Optional<ProxyConfig> appMeshProxy(String containerName) {
    return Optional.of(new ProxyConfig("APPMESH", containerName, Map.of()));
  }

  private static List<ContainerSpec> build(ContainerSpec.Builder... containers) {
    return List.of(containers).stream().map(ContainerSpec.Builder::build).toList();
  }
}
