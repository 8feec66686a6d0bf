package dev.sidescope.collectors.kubernetes.logs;

import dev.sidescope.topology.logs.LogStreamState.Phase;
import java.util.Locale;

/**
 * What an answer other than 200 to a pod log request means for the stream, in one phrase for a
 * person: gone (404, a container the pod does not have), not allowed (403), no previous run (400),
 * waiting to start (400, worth asking again), or another failure.
 *
 * @param phase {@link Phase#GONE}, {@link Phase#FAILED}, or {@link Phase#RECONNECTING} when asking
 *     again may succeed
 * @param sentence one phrase, lower case, no final period
 */
record PodLogFailure(Phase phase, String sentence) {

  /** True when a followed stream should be asked for again after a pause. */
  boolean worthRetrying() {
    return phase == Phase.RECONNECTING;
  }

  /**
   * Reads an answer.
   *
   * @param code the HTTP status
   * @param message the {@code message} of the API server's {@code Status}, or the body's first line
   */
  static PodLogFailure of(int code, String message, PodLogQuery query) {
    String pod = query.pod();
    String container = query.container();
    String lower = message.toLowerCase(Locale.ROOT);
    if (code == 404) {
      return new PodLogFailure(
          Phase.GONE, "pod " + pod + " no longer exists in namespace " + query.namespace());
    }
    if (code == 403) {
      return new PodLogFailure(
          Phase.FAILED,
          "not allowed to read the logs of pod " + pod + " in namespace " + query.namespace());
    }
    if (code == 401) {
      return new PodLogFailure(Phase.FAILED, "the API server rejected the credentials");
    }
    if (code == 400 && lower.contains("previous terminated container")) {
      return new PodLogFailure(
          Phase.FAILED,
          "no previous run of " + container + " in pod " + pod + ": it has not restarted");
    }
    if (code == 400 && lower.contains("is not valid for pod")) {
      return new PodLogFailure(Phase.GONE, "pod " + pod + " has no container " + container);
    }
    if (code == 400 && lower.contains("waiting to start")) {
      return new PodLogFailure(
          Phase.RECONNECTING, container + " in pod " + pod + " is waiting to start");
    }
    if (code == 429 || code >= 500) {
      return new PodLogFailure(Phase.RECONNECTING, "the API server answered " + code);
    }
    return new PodLogFailure(
        Phase.FAILED,
        "the API server would not give the log of "
            + container
            + " in pod "
            + pod
            + " ("
            + code
            + (message.isBlank() ? "" : ": " + message)
            + ")");
  }
}
