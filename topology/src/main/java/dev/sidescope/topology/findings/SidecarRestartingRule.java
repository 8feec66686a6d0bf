package dev.sidescope.topology.findings;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code SIDECAR_RESTARTING}: a sidecar in {@code CrashLoopBackOff} (severity {@code error}: it is
 * down now and will stay down most of the time) or with at least {@value #RESTART_THRESHOLD}
 * restarts while otherwise up (severity {@code warning}: it keeps falling over, and each time the
 * app goes without it).
 */
public final class SidecarRestartingRule implements FindingRule {
  /** The finding code. */
  public static final String CODE = "SIDECAR_RESTARTING";

  /** From this many restarts on, a sidecar counts as restarting. */
  public static final int RESTART_THRESHOLD = 3;

  private static final String CRASH_LOOP = "CrashLoopBackOff";

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
      if (!c.isSidecar()) {
        continue;
      }
      ContainerState state = c.state();
      boolean crashLoop =
          state.reason().isPresent() && CRASH_LOOP.equalsIgnoreCase(state.reason().get());
      int restarts = state.restarts().orElse(0);
      if (crashLoop) {
        findings.add(crashLooping(workload, c, restarts));
      } else if (restarts >= RESTART_THRESHOLD) {
        findings.add(flapping(workload, c, restarts));
      }
    }
    return findings;
  }

  private static Finding crashLooping(Workload workload, Container sidecar, int restarts) {
    List<String> details = new ArrayList<>();
    if (restarts > 0) {
      details.add(times(restarts));
    }
    sidecar.state().exitCode().ifPresent(code -> details.add("last exit code " + code));
    String message =
        "Sidecar "
            + sidecar.name()
            + " in "
            + Wording.place(workload)
            + " is crash-looping"
            + (details.isEmpty() ? "" : " (" + String.join(", ", details) + ")")
            + ", so "
            + consequence(workload, sidecar)
            + ".";
    return new Finding(Severity.ERROR, CODE, workload.id(), Optional.of(sidecar.name()), message);
  }

  private static Finding flapping(Workload workload, Container sidecar, int restarts) {
    String lastExit =
        sidecar.state().exitCode().map(code -> " (last exit code " + code + ")").orElse("");
    String message =
        "Sidecar "
            + sidecar.name()
            + " in "
            + Wording.place(workload)
            + " has restarted "
            + restarts
            + " times"
            + lastExit
            + ", so "
            + consequence(workload, sidecar)
            + " each time it goes down.";
    return new Finding(Severity.WARNING, CODE, workload.id(), Optional.of(sidecar.name()), message);
  }

  private static String consequence(Workload workload, Container sidecar) {
    return SidecarConsequence.whileDown(sidecar.kind().orElseThrow(), Wording.apps(workload));
  }

  private static String times(int restarts) {
    return restarts == 1 ? "1 restart" : restarts + " restarts";
  }
}
