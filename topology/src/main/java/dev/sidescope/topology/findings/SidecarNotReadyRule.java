package dev.sidescope.topology.findings;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.ContainerState.Phase;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code SIDECAR_NOT_READY}, severity {@code error}: a sidecar the platform reports as not ready
 * ({@code ready=false}, or, where readiness is unknown, ECS health {@code UNHEALTHY}). On
 * Kubernetes one not-ready container takes the whole pod out of its Services' endpoints, and
 * whatever the sidecar does is not being done, so this is always an error.
 *
 * <p>Not reported for a container that terminated as designed: exit code 0, reason {@code
 * Completed}, or a pod that has {@code Succeeded} (a Job's native sidecars stop with it).
 */
public final class SidecarNotReadyRule implements FindingRule {
  /** The finding code. */
  public static final String CODE = "SIDECAR_NOT_READY";

  private static final String UNHEALTHY = "UNHEALTHY";
  private static final String COMPLETED = "Completed";
  private static final String SUCCEEDED = "Succeeded";

  // Platform reasons are single words (ImagePullBackOff, OOMKilled); anything longer is free text
  // from a source and stays out of the sentence.
  private static final Pattern SHORT_REASON = Pattern.compile("[A-Za-z]{1,40}");

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public List<Finding> examine(Workload workload, DoctorContext context) {
    List<Finding> findings = new ArrayList<>();
    List<Container> containers = workload.containers();
    for (int i = 0; i < containers.size(); i++) {
      Container c = containers.get(i);
      if (c.isSidecar() && notReady(c.state()) && !terminatedAsDesigned(workload, c.state())) {
        findings.add(finding(workload, c));
      }
    }
    return findings;
  }

  private static boolean notReady(ContainerState state) {
    if (state.ready().isPresent()) {
      return !state.ready().get();
    }
    return state.health().filter(UNHEALTHY::equalsIgnoreCase).isPresent();
  }

  private static boolean terminatedAsDesigned(Workload workload, ContainerState state) {
    if (workload.spec().phase().filter(SUCCEEDED::equalsIgnoreCase).isPresent()) {
      return true;
    }
    return state.phase() == Phase.TERMINATED
        && (state.exitCode().filter(code -> code == 0).isPresent()
            || state.reason().filter(COMPLETED::equalsIgnoreCase).isPresent());
  }

  private static Finding finding(Workload workload, Container sidecar) {
    String why =
        sidecar
            .state()
            .reason()
            .filter(r -> SHORT_REASON.matcher(r).matches())
            .map(r -> " (" + r + ")")
            .orElse("");
    String message =
        "Sidecar "
            + sidecar.name()
            + " in "
            + Wording.place(workload)
            + " is not ready"
            + why
            + ", so "
            + SidecarConsequence.whileDown(sidecar.kind().orElseThrow(), Wording.apps(workload))
            + ".";
    return new Finding(Severity.ERROR, CODE, workload.id(), Optional.of(sidecar.name()), message);
  }
}
