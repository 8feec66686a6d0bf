package dev.sidescope.views.console;

import dev.sidescope.topology.model.traffic.TracedCall;

/**
 * A row of the Traffic tab's list of calls into and out of the service selected; choosing it shows
 * that call alone.
 *
 * @param subject the call's subject, {@code caller -> callee}
 * @param outgoing whether the service selected is the caller
 * @param other the service at the other end
 * @param figures "12 rps · p99 180 ms · 0.4 % failed"
 * @param failing whether any of its calls failed
 */
public record CallRow(
    String subject, boolean outgoing, String other, String figures, boolean failing) {

  static CallRow of(TracedCall call, boolean outgoing) {
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
        s.errors() + s.faults() > 0);
  }

  /** "→ payment-service" or "← api-gateway". */
  public String label() {
    return (outgoing ? "→ " : "← ") + other;
  }
}
