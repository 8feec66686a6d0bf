package dev.sidescope.views;

import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.WorkloadSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Made-up Kubernetes pods for pictures of some size: pod {@code i} runs {@code app-i} and one to
 * three sidecars (Envoy, then Fluent Bit, then the X-Ray daemon), in four namespaces. The console
 * rehearses with them; tests lay them out.
 */
public final class ScalePods {
  private static final String[][] SIDECARS = {
    {"envoy", "envoyproxy/envoy:v1.30"},
    {"fluent-bit", "fluent/fluent-bit:3.0"},
    {"xray-daemon", "amazon/aws-xray-daemon:latest"}
  };

  private ScalePods() {}

  /** {@code pods} running pods, seen by a live Kubernetes source called {@code source}. */
  public static Observations of(int pods, String source, Instant at) {
    List<WorkloadSpec> workloads = new ArrayList<>();
    for (int i = 0; i < pods; i++) {
      List<ContainerSpec> containers = new ArrayList<>();
      containers.add(
          container("app-" + i, "registry.local/app-" + i + ":1").port(Port.tcp(8080)).build());
      for (int s = 0; s <= i % SIDECARS.length; s++) {
        containers.add(container(SIDECARS[s][0], SIDECARS[s][1]).build());
      }
      String ns = "ns-" + (i % 4);
      workloads.add(
          new WorkloadSpec(
              source + "/" + ns + "/app-" + i + "-abc12",
              Platform.KUBERNETES,
              source,
              ns,
              "app-" + i + "-abc12",
              Optional.of("Deployment/app-" + i),
              Map.of("app", "app-" + i),
              Map.of(),
              containers,
              Optional.empty(),
              Optional.of("Running")));
    }
    return new Observations(
        workloads, List.of(), List.of(), List.of(SourceStatus.live(source, at)));
  }

  private static ContainerSpec.Builder container(String name, String image) {
    return ContainerSpec.builder(name, image).state(ContainerState.runningReady());
  }
}
