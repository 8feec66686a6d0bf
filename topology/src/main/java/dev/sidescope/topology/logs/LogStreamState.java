package dev.sidescope.topology.logs;

import java.util.Objects;

/**
 * What a source says about one stream it was asked to tail: a phase and one sentence for a person.
 *
 * @param stream the stream
 * @param phase where it stands
 * @param sentence one sentence, e.g. "reconnecting: the stream ended while the container runs" or
 *     "logs go to Splunk (FireLens output splunk), not CloudWatch Logs"
 * @param sampled the source says it sent only a sample of the lines (CloudWatch Live Tail does so
 *     under load)
 */
public record LogStreamState(LogStream stream, Phase phase, String sentence, boolean sampled) {

  /** Where a stream stands. */
  public enum Phase {
    /** Asked for, no line yet. */
    CONNECTING,
    /** Lines are arriving (or none are due). */
    LIVE,
    /** The connection ended while the container lives; opening it again. */
    RECONNECTING,
    /** Not followed, and every line asked for was delivered. */
    ENDED,
    /** The container or its pod or task no longer exists. */
    GONE,
    /** The container's logs are not kept where this source reads: the sentence says where. */
    ELSEWHERE,
    /** The source could not read it: the sentence says why. */
    FAILED
  }

  public LogStreamState {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(sentence, "sentence");
  }

  public static LogStreamState of(LogStream stream, Phase phase, String sentence) {
    return new LogStreamState(stream, phase, sentence, false);
  }

  /** True once nothing more will come on this stream. */
  public boolean finished() {
    return phase == Phase.ENDED
        || phase == Phase.GONE
        || phase == Phase.ELSEWHERE
        || phase == Phase.FAILED;
  }
}
