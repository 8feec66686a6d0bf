package dev.sidescope.topology.findings;

import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.List;
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
   * Examines the workloads, with the services they may call by name. Workloads that share an id
   * must come one after the other (the snapshot builder gives them sorted by id): duplicates are
   * looked for only among the findings of the workload being examined and those just before it
   * under the same id.
   *
   * @return the findings, worst first, without duplicates
   */
  public List<Finding> examine(List<Workload> workloads, List<ServiceSpec> services) {
    DoctorContext context = new DoctorContext(workloads, services);
    List<List<Finding>> bySeverity = new ArrayList<>();
    for (int s = 0; s < Severity.values().length; s++) {
      bySeverity.add(new ArrayList<>());
    }
    List<String> failed = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    // The findings so far about the workload being examined (and any before it under the same id).
    // Every finding is about the workload it was made for, so a duplicate can only be among these:
    // a handful, looked through faster than tens of thousands of findings are hashed.
    List<Finding> ofWorkload = new ArrayList<>();
    String subject = null;
    for (Workload workload : context.workloads()) {
      if (!workload.id().equals(subject)) {
        flush(ofWorkload, bySeverity);
        subject = workload.id();
      }
      failed.clear();
      failures.clear();
      for (FindingRule rule : rules) {
        List<Finding> findings;
        try {
          findings = about(workload, rule.examine(workload, context));
        } catch (RuntimeException e) {
          failed.add(rule.code());
          failures.add(e.getClass().getSimpleName());
          continue;
        }
        for (int k = 0; k < findings.size(); k++) {
          Finding finding = findings.get(k);
          if (!repeats(ofWorkload, finding)) {
            ofWorkload.add(finding);
          }
        }
      }
      if (!failed.isEmpty()) {
        Finding finding = ruleFailed(workload, failed, failures);
        if (!repeats(ofWorkload, finding)) {
          ofWorkload.add(finding);
        }
      }
    }
    flush(ofWorkload, bySeverity);
    return worstFirst(bySeverity);
  }

  /**
   * A rule's findings, checked to be about the workload it examined, as {@link FindingRule}
   * promises: a rule that breaks the promise has failed on that workload.
   */
  private static List<Finding> about(Workload workload, List<Finding> findings) {
    if (findings.isEmpty()) {
      return findings;
    }
    List<Finding> copy = List.copyOf(findings);
    for (int i = 0; i < copy.size(); i++) {
      if (!copy.get(i).subject().equals(workload.id())) {
        throw new IllegalStateException(
            "a finding about " + copy.get(i).subject() + " from a look at " + workload.id());
      }
    }
    return copy;
  }

  /**
   * True when an earlier finding about the same workload already says this: the same code about the
   * same container, or, for a container's run-time state, any state code about it (the first one
   * wins).
   */
  private static boolean repeats(List<Finding> earlier, Finding finding) {
    String container = finding.container().orElse("");
    boolean state =
        finding.container().isPresent() && CONTAINER_STATE_CODES.contains(finding.code());
    for (int i = 0; i < earlier.size(); i++) {
      Finding f = earlier.get(i);
      if (!f.container().orElse("").equals(container)) {
        continue;
      }
      if (f.code().equals(finding.code())
          || (state && f.container().isPresent() && CONTAINER_STATE_CODES.contains(f.code()))) {
        return true;
      }
    }
    return false;
  }

  /** Hands one workload's findings, sorted, to their severities, and starts the next workload. */
  private static void flush(List<Finding> ofWorkload, List<List<Finding>> bySeverity) {
    ofWorkload.sort(Finding.ORDER);
    for (int k = 0; k < ofWorkload.size(); k++) {
      Finding finding = ofWorkload.get(k);
      bySeverity.get(finding.severity().ordinal()).add(finding);
    }
    ofWorkload.clear();
  }

  /**
   * The findings in {@link Finding#ORDER}. Each workload's are sorted as they are made and gathered
   * by severity; workloads come in the order of their ids, so each severity's findings are then
   * nearly in order already, and the sort of the whole has little left to do.
   */
  private static List<Finding> worstFirst(List<List<Finding>> bySeverity) {
    int count = 0;
    for (List<Finding> some : bySeverity) {
      count += some.size();
    }
    List<Finding> sorted = new ArrayList<>(count);
    bySeverity.forEach(sorted::addAll);
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
}
