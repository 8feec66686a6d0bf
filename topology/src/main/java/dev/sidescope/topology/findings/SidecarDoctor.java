package dev.sidescope.topology.findings;

import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The sidecar doctor: runs every {@link FindingRule} over every classified workload and returns
 * what they found, worst first ({@link Finding#ORDER}), with no two findings of the same code,
 * subject and container.
 *
 * <p>A rule that throws (or returns {@code null}) on a workload does not take the others down: its
 * findings for that workload are lost, and one {@code info} finding with code {@value #RULE_FAILED}
 * says which rules failed there. The exception's message is not repeated, since it may quote the
 * workload's configuration.
 *
 * <p>Stateless and thread-safe: one instance may be shared and called from any thread; each call
 * works only on its own arguments.
 */
public final class SidecarDoctor {
  /** The code of the finding that says a rule failed on a workload. */
  public static final String RULE_FAILED = "DOCTOR_RULE_FAILED";

  /**
   * The rules, in the order they run on each workload. The order matters where findings overlap;
   * each rule of ordering is stated where it applies.
   */
  private static List<FindingRule> defaultRules() {
    return List.of(
        // What is wrong with a sidecar now comes first, most specific cause first. A stopped ECS
        // sidecar and a crash-looping one are also not ready: whichever of these three rules
        // explains a container first stands, and a later one about the same container is dropped
        // (see CONTAINER_STATE_CODES), so one broken container gets one sentence.
        new SidecarExitedRule(),
        new SidecarRestartingRule(),
        new SidecarNotReadyRule(),
        // A sidecar that is not there at all: no state to overlap with the above.
        new SidecarMissingRule(),
        // Wiring that is wrong while everything runs: what breaks at start-up, then what is
        // silently lost.
        new StartupOrderRule(),
        new XRayDaemonUnreachableRule(),
        new LogVolumeUnsharedRule(),
        // Hygiene: nothing is broken yet.
        new SidecarNoLimitsRule(),
        new SecretInEnvRule(),
        // Lifecycle notices last: nothing is wrong with the workload itself, but the product its
        // sidecar belongs to is going away (App Mesh reached end of support on 2026-09-30).
        new AppMeshEndOfSupportRule());
  }

  /** Codes that describe a container's run-time state; the first one about a container wins. */
  private static final Set<String> CONTAINER_STATE_CODES =
      Set.of(SidecarExitedRule.CODE, SidecarRestartingRule.CODE, SidecarNotReadyRule.CODE);

  private final List<FindingRule> rules;

  /** A doctor with every rule Sidescope ships. */
  public SidecarDoctor() {
    this(defaultRules());
  }

  /** A doctor with these rules, run in the order given; for tests. */
  SidecarDoctor(List<FindingRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The codes of the rules, in the order they run. */
  public List<String> codes() {
    return rules.stream().map(FindingRule::code).toList();
  }

  /**
   * Examines the workloads, with the services they may call by name.
   *
   * @return the findings, worst first, without duplicates
   */
  public List<Finding> examine(List<Workload> workloads, List<ServiceSpec> services) {
    DoctorContext context = new DoctorContext(workloads, services);
    // Sized for the usual one or two findings a workload, so that a large cluster does not rehash.
    Map<FindingKey, Finding> found = new LinkedHashMap<>(Math.max(16, workloads.size() * 2));
    Set<ContainerKey> stateExplained = new HashSet<>();
    List<String> failed = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Workload workload : context.workloads()) {
      failed.clear();
      failures.clear();
      for (FindingRule rule : rules) {
        List<Finding> findings;
        try {
          findings = Objects.requireNonNull(rule.examine(workload, context));
          if (findings.isEmpty()) {
            continue;
          }
          findings = List.copyOf(findings);
        } catch (RuntimeException e) {
          failed.add(rule.code());
          failures.add(e.getClass().getSimpleName());
          continue;
        }
        for (int k = 0; k < findings.size(); k++) {
          Finding finding = findings.get(k);
          if (CONTAINER_STATE_CODES.contains(finding.code())
              && finding.container().isPresent()
              && !stateExplained.add(ContainerKey.of(finding))) {
            continue;
          }
          found.putIfAbsent(FindingKey.of(finding), finding);
        }
      }
      if (!failed.isEmpty()) {
        Finding finding = ruleFailed(workload, failed, failures);
        found.putIfAbsent(FindingKey.of(finding), finding);
      }
    }
    return worstFirst(found.values());
  }

  /**
   * The findings in {@link Finding#ORDER}. Made workload by workload, in the order of their ids,
   * they are nearly in order within each severity: gathering each severity first leaves the sort
   * little to do, where a sort of the mixed list compares every finding many times.
   */
  private static List<Finding> worstFirst(java.util.Collection<Finding> findings) {
    List<Finding> sorted = new ArrayList<>(findings.size());
    for (Severity severity : Severity.values()) {
      for (Finding finding : findings) {
        if (finding.severity() == severity) {
          sorted.add(finding);
        }
      }
    }
    sorted.sort(Finding.ORDER);
    return java.util.Collections.unmodifiableList(sorted);
  }

  private static Finding ruleFailed(Workload workload, List<String> codes, List<String> failures) {
    boolean one = codes.size() == 1;
    String message =
        "The doctor's "
            + Wording.list(codes)
            + (one ? " check" : " checks")
            + " failed on "
            + Wording.place(workload)
            + " ("
            + String.join(", ", failures.stream().distinct().toList())
            + "), so findings of "
            + (one ? "that kind" : "those kinds")
            + " may be missing for it.";
    return new Finding(Severity.INFO, RULE_FAILED, workload.id(), Optional.empty(), message);
  }

  private record FindingKey(String code, String subject, String container) {
    static FindingKey of(Finding f) {
      return new FindingKey(f.code(), f.subject(), f.container().orElse(""));
    }
  }

  private record ContainerKey(String subject, String container) {
    static ContainerKey of(Finding f) {
      return new ContainerKey(f.subject(), f.container().orElseThrow());
    }
  }
}
