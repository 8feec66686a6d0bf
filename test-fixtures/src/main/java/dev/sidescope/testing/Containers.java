package dev.sidescope.testing;

import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.ContainerState.Phase;
import dev.sidescope.topology.model.LogConfig;
import dev.sidescope.topology.model.Resources;
import java.util.Map;
import java.util.Optional;

/**
 * Containers as sources describe them, for {@link WorkloadBuilder}: builders of {@link
 * ContainerSpec} for each sort of container (plain, init, native sidecar, ECS essential, FireLens
 * log router), the run-time states tests put them in, and limits. A builder made here knows no
 * state until a test gives it one.
 */
public final class Containers {
  private Containers() {}

  /** A container whose image is named after it: {@code <name>:latest}. */
  public static ContainerSpec.Builder container(String name) {
    return container(name, name + ":latest");
  }

  public static ContainerSpec.Builder container(String name, String image) {
    return ContainerSpec.builder(name, image);
  }

  /** A Kubernetes init container. */
  public static ContainerSpec.Builder init(String name, String image) {
    return container(name, image).initContainer(true);
  }

  /** A Kubernetes native sidecar: an init container with {@code restartPolicy: Always}. */
  public static ContainerSpec.Builder nativeSidecar(String name, String image) {
    return init(name, image).restartAlways(true);
  }

  /** An ECS container, essential or not. */
  public static ContainerSpec.Builder essential(String name, String image, boolean essential) {
    return container(name, image).essential(essential);
  }

  /** An ECS FireLens log router of the given type ({@code fluentbit}, {@code fluentd}). */
  public static ContainerSpec.Builder logRouter(String name, String image, String type) {
    return essential(name, image, true).firelens(new LogConfig(type, Map.of()));
  }

  /** CPU and memory limits as a manifest writes them, e.g. {@code limits("100m", "64Mi")}. */
  public static Resources limits(String cpu, String memory) {
    return new Resources(Optional.of(cpu), Optional.of(memory));
  }

  /** Running and ready, never restarted. */
  public static ContainerState running() {
    return ContainerState.runningReady();
  }

  /** Running, not ready, never restarted. */
  public static ContainerState notReady() {
    return notReady(0);
  }

  /** Running, not ready, after {@code restarts} restarts. */
  public static ContainerState notReady(int restarts) {
    return state(Phase.RUNNING, false, Optional.of(restarts), Optional.empty(), Optional.empty());
  }

  /** Running and ready again after {@code restarts} restarts. */
  public static ContainerState restartedRunning(int restarts) {
    return state(Phase.RUNNING, true, Optional.of(restarts), Optional.empty(), Optional.empty());
  }

  /** Waiting, not ready, e.g. {@code waiting("CrashLoopBackOff", 6)}. */
  public static ContainerState waiting(String reason, int restarts) {
    return state(
        Phase.WAITING, false, Optional.of(restarts), Optional.of(reason), Optional.empty());
  }

  /** Stopped with an exit code. */
  public static ContainerState terminated(int exitCode) {
    return state(
        Phase.TERMINATED, false, Optional.empty(), Optional.empty(), Optional.of(exitCode));
  }

  private static ContainerState state(
      Phase phase,
      boolean ready,
      Optional<Integer> restarts,
      Optional<String> reason,
      Optional<Integer> exitCode) {
    return new ContainerState(
        phase, Optional.of(ready), restarts, reason, exitCode, Optional.empty());
  }
}
