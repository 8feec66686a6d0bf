package dev.sidescope.topology.findings;

import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code SIDECAR_MISSING}: a workload lacks a kind of sidecar that most of its siblings run — the
 * other pods or tasks of the same owner, on the same platform and in the same namespace (cluster).
 * That is the mark of a failed injection: the webhook was down, the namespace label was missing
 * when the pod was created, or the pod was created by hand.
 *
 * <p>Reported only when the owner has at least two workloads, and only when a strict majority of
 * the others have the kind, so that one pod carrying an extra sidecar does not make all its
 * siblings look broken. During a rollout that adds a sidecar, the old pods are reported until they
 * are replaced; that is accurate, and short-lived.
 *
 * <p>Severity {@code error} for a sidecar that carries traffic (a mesh proxy: the pod's traffic
 * bypasses the mesh, and STRICT mTLS peers refuse it), {@code warning} for the others.
 */
public final class SidecarMissingRule implements FindingRule {
  /** The finding code. */
  public static final String CODE = "SIDECAR_MISSING";

  private static final SidecarKind[] KINDS = SidecarKind.values();

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public List<Finding> examine(Workload workload, DoctorContext context) {
    Optional<SidecarCensus> census = context.ownerCensus(workload);
    if (census.isEmpty()) {
      return List.of();
    }
    SidecarCensus.Others others = census.get().othersOf(workload);
    if (others.count() == 0) {
      return List.of();
    }
    Set<SidecarKind> own = SidecarCensus.kinds(workload);
    List<Finding> findings = new ArrayList<>();
    for (SidecarKind kind : KINDS) {
      // How many of the others run the kind, and under which container names.
      int holders = others.holders()[kind.ordinal()];
      if (!own.contains(kind) && holders * 2 > others.count()) {
        String name = mostCommon(census.get().names(workload, kind));
        findings.add(finding(workload, kind, name, holders, others.count()));
      }
    }
    return findings;
  }

  private static String mostCommon(Map<String, Integer> names) {
    String best = null;
    int bestCount = 0;
    for (Map.Entry<String, Integer> e : names.entrySet()) {
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best;
  }

  private static Finding finding(
      Workload workload, SidecarKind kind, String name, int holders, int others) {
    String owner = workload.owner().orElseThrow();
    String siblings;
    if (others == 1) {
      siblings = "the other " + Wording.placeNoun(workload.platform()) + " of " + owner + " runs";
    } else {
      String plural = Wording.placeNounPlural(workload.platform());
      siblings =
          (holders == others ? "the other " + others : holders + " of the other " + others)
              + " "
              + plural
              + " of "
              + owner
              + " run";
    }
    String message =
        Wording.capitalized(Wording.place(workload))
            + " lacks the "
            + name
            + " sidecar that "
            + siblings
            + ", most likely a failed injection, so "
            + SidecarConsequence.whenMissing(kind, Wording.apps(workload))
            + ".";
    Severity severity = SidecarConsequence.carriesTraffic(kind) ? Severity.ERROR : Severity.WARNING;
    return new Finding(severity, CODE, workload.id(), Optional.of(name), message);
  }
}
