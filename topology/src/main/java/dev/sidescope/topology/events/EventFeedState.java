package dev.sidescope.topology.events;

import java.util.Objects;

/**
 * What a source says about the events of one workload: a phase and one sentence for a person.
 *
 * @param workloadId the pod or task
 * @param phase where it stands
 * @param sentence one sentence, e.g. "watching the pod's and its owners' events" or "the API
 *     refused to list events: forbidden"
 */
public record EventFeedState(String workloadId, Phase phase, String sentence) {

  /** Where a workload's events stand. */
  public enum Phase {
    /** Asked for, nothing read yet. */
    CONNECTING,
    /** Read, and followed for new ones. */
    LIVE,
    /** The pod or task no longer exists; what was read stays. */
    GONE,
    /** The source could not read them: the sentence says why. It may try again. */
    FAILED
  }

  public EventFeedState {
    Objects.requireNonNull(workloadId, "workloadId");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(sentence, "sentence");
  }
}
