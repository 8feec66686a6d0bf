package dev.sidescope.samples.logs;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a container's log and when it was written (what the kubelet puts before it with
 * {@code timestamps=true}, and CloudWatch Logs' event timestamp).
 */
public record LogLine(Instant at, String text) {
  public LogLine {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(text, "text");
  }
}
