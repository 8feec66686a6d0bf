package dev.sidescope.topology.logs;

import dev.sidescope.topology.model.Workload;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which containers' lines are wanted, and how.
 *
 * @param workloads the pods or ECS tasks to tail (several replicas of one workload at once, as
 *     stern does); each source tails those it {@linkplain
 *     dev.sidescope.topology.source.LogTails#serves serves}
 * @param containers container names; empty means the app and every sidecar (init containers that
 *     are not native sidecars left out)
 * @param since only lines written within this long before now
 * @param tailLines at most this many of the lines already written, per container (0: none, only new
 *     lines)
 * @param follow keep the streams open for new lines until the tail is closed
 * @param previous the previous run of each container (Kubernetes only; a source that keeps no
 *     previous run says so in the stream's state)
 */
public record LogTailRequest(
    List<Workload> workloads,
    Set<String> containers,
    Optional<Duration> since,
    int tailLines,
    boolean follow,
    boolean previous) {

  /** Default lines already written shown per container in the console. */
  public static final int CONSOLE_TAIL_LINES = 500;

  public LogTailRequest {
    workloads = List.copyOf(workloads);
    containers = Set.copyOf(containers);
    since = since == null ? Optional.empty() : since;
    if (tailLines < 0) {
      throw new IllegalArgumentException("tailLines must not be negative: " + tailLines);
    }
  }

  /** True when {@code container} of a workload is one this request wants. */
  public boolean wants(dev.sidescope.topology.model.Container container) {
    if (!containers.isEmpty()) {
      return containers.contains(container.spec().name());
    }
    return !container.spec().initContainer() || container.spec().nativeSidecar();
  }
}
