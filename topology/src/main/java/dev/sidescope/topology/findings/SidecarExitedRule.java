package dev.sidescope.topology.findings;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.ContainerState.Phase;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.Workload;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code SIDECAR_EXITED}, severity {@code error}, ECS only: a non-essential sidecar ({@code
 * essential: false}) has stopped while an app container of the task keeps running. ECS neither
 * stops the task nor restarts the container, so whatever it did (shipping logs, forwarding traces)
 * silently stops until the task is replaced.
 *
 * <p>Not reported when another container of the task {@code dependsOn} it with condition {@code
 * COMPLETE} or {@code SUCCESS}: then it is meant to run once and exit.
 */
public final class SidecarExitedRule implements FindingRule {
  /** The finding code. */
  public static final String CODE = "SIDECAR_EXITED";

  private static final Set<String> RUN_ONCE_CONDITIONS = Set.of("COMPLETE", "SUCCESS");

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public List<Finding> examine(Workload workload, DoctorContext context) {
    if (workload.platform() != Platform.ECS) {
      return List.of();
    }
    List<String> runningApps =
        workload
            .apps()
            .filter(c -> c.state().phase() == Phase.RUNNING)
            .map(Container::name)
            .toList();
    if (runningApps.isEmpty()) {
      return List.of();
    }
    return workload
        .sidecars()
        .filter(c -> c.spec().essential().filter(essential -> !essential).isPresent())
        .filter(c -> c.state().phase() == Phase.TERMINATED)
        .filter(c -> !meantToExit(workload, c))
        .map(c -> finding(workload, c, runningApps))
        .toList();
  }

  private static boolean meantToExit(Workload workload, Container sidecar) {
    return workload.containers().stream()
        .flatMap(c -> c.spec().dependsOn().stream())
        .anyMatch(
            d ->
                d.container().equals(sidecar.name())
                    && RUN_ONCE_CONDITIONS.contains(d.condition().toUpperCase(Locale.ROOT)));
  }

  private static Finding finding(Workload workload, Container sidecar, List<String> runningApps) {
    String exit = sidecar.state().exitCode().map(code -> " (exit code " + code + ")").orElse("");
    String message =
        "Sidecar "
            + sidecar.name()
            + " in "
            + Wording.place(workload)
            + " has stopped"
            + exit
            + " while "
            + Wording.list(runningApps)
            + (runningApps.size() == 1 ? " keeps" : " keep")
            + " running, and ECS does not restart a non-essential container, so "
            + SidecarConsequence.whileDown(sidecar.kind().orElseThrow(), Wording.apps(workload))
            + " until the task is replaced.";
    return new Finding(Severity.ERROR, CODE, workload.id(), Optional.of(sidecar.name()), message);
  }
}
