package dev.sidescope.topology.findings;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Resources;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code SIDECAR_NO_LIMITS}, Kubernetes only: a sidecar without a memory limit (severity {@code
 * warning}: a leak in it grows until the node runs short and the pod, app and all, is evicted or
 * OOM-killed) or without a CPU limit only (severity {@code info}: it can take CPU from the app
 * under load, and many teams leave CPU unlimited on purpose). The message says which is missing.
 *
 * <p>Not reported on ECS: there container limits are optional by design, since every task has a
 * size of its own (required on Fargate; on EC2 ECS requires task memory or a container memory
 * setting), so a sidecar cannot outgrow its task. The model does not carry the task size, so the
 * doctor cannot tell the rare task without one; better silent than noisy on every FireLens router.
 */
public final class SidecarNoLimitsRule implements FindingRule {
  /** The finding code. */
  public static final String CODE = "SIDECAR_NO_LIMITS";

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public List<Finding> examine(Workload workload, DoctorContext context) {
    if (workload.platform() != Platform.KUBERNETES) {
      return List.of();
    }
    List<Finding> findings = new ArrayList<>();
    List<Container> containers = workload.containers();
    for (int i = 0; i < containers.size(); i++) {
      Container c = containers.get(i);
      if (c.isSidecar()) {
        finding(workload, c).ifPresent(findings::add);
      }
    }
    return findings;
  }

  private static Optional<Finding> finding(Workload workload, Container sidecar) {
    Resources limits = sidecar.spec().limits();
    boolean cpu = limits.cpuLimit().isPresent();
    boolean memory = limits.memoryLimit().isPresent();
    if (cpu && memory) {
      return Optional.empty();
    }
    String apps = Wording.apps(workload);
    String lead = "Sidecar " + sidecar.name() + " in " + Wording.place(workload) + " has no ";
    String message;
    if (!cpu && !memory) {
      message =
          lead
              + "CPU or memory limit, so it can take CPU from "
              + apps
              + " under load and a memory leak in it can get the whole pod evicted.";
    } else if (!memory) {
      message =
          lead
              + "memory limit, so a memory leak in it can get the whole pod, "
              + apps
              + " included, evicted.";
    } else {
      message = lead + "CPU limit, so under load it can take CPU from " + apps + ".";
    }
    Severity severity = memory ? Severity.INFO : Severity.WARNING;
    return Optional.of(
        new Finding(severity, CODE, workload.id(), Optional.of(sidecar.name()), message));
  }
}
