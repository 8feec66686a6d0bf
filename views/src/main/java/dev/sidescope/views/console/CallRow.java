package dev.sidescope.views.console;

import dev.sidescope.topology.model.traffic.TracedCall;
import dev.sidescope.topology.picture.TrafficLevel;
import dev.sidescope.topology.picture.TrafficThresholds;

/**
 * A row of the Traffic tab's list of calls into and out of the service selected; choosing it shows
 * that call alone.
 *
 * @param subject the call's subject, {@code caller -> callee}
 * @param outgoing whether the service selected is the caller
 * @param other the service at the other end
 * @param figures "12 rps · p99 180 ms · 0.4 % failed"
 * @param level how its p99 and errors stand against the arrows' thresholds, so that a call reads as
 *     its arrow does
 */
public record CallRow(
    String subject, boolean outgoing, String other, String figures, TrafficLevel level) {

  static CallRow of(TracedCall call, boolean outgoing, TrafficThresholds thresholds) {
    var s = call.stats();
    StringBuilder f = new StringBuilder();
    f.append(
        s.rps().isPresent() ? Figures.rps(s.rps().getAsDouble()) : Figures.count(s.requests()));
    s.p99Ms().ifPresent(p -> f.append(" · p99 ").append(Figures.ms(p)));
    s.errorRate().ifPresent(r -> f.append(" · ").append(Figures.percent(r)).append(" failed"));
    return new CallRow(
        call.subject(),
        outgoing,
        outgoing ? call.callee() : call.caller(),
        f.toString(),
        thresholds.levelOf(s.metrics()));
  }

  /** "→ payment-service" or "← api-gateway". */
  public String label() {
    return (outgoing ? "→ " : "← ") + other;
  }
}
