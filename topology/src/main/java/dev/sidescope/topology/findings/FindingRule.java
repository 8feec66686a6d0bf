package dev.sidescope.topology.findings;

import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Workload;
import java.util.List;

/**
 * One check of the sidecar doctor: looks at one classified workload and says, in findings, what is
 * wrong with its sidecars.
 *
 * <p>A rule examines one workload at a time, with the whole picture in {@link DoctorContext} for
 * what it needs beyond it (siblings of the same owner, services). That way a rule that fails on one
 * odd workload loses only its findings for that workload, and {@link SidecarDoctor} can say which
 * workload it was.
 *
 * <p>Implementations are stateless and thread-safe: the doctor may call one instance from any
 * thread, for any number of workloads. A rule may throw; the doctor contains it.
 */
public interface FindingRule {

  /** The code of the findings this rule reports, e.g. {@code SIDECAR_NOT_READY}; stable. */
  String code();

  /**
   * The findings about {@code workload}, each with {@link #code()}, {@code subject} the workload's
   * id and, where it is about one container, that container's name. Empty when all is well.
   */
  List<Finding> examine(Workload workload, DoctorContext context);
}
