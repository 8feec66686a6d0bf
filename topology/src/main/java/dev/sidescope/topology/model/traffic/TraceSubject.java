package dev.sidescope.topology.model.traffic;

import java.util.Objects;
import java.util.Optional;

/**
 * What a person selected, in tracing's terms: one service, or the calls from one service to
 * another. The Traffic tab and the trace list ask about it.
 *
 * @param service the service, or for an edge the caller
 * @param callee for an edge, the called service
 */
public record TraceSubject(String service, Optional<String> callee) {
  public TraceSubject {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(callee, "callee");
  }

  public static TraceSubject service(String name) {
    return new TraceSubject(name, Optional.empty());
  }

  public static TraceSubject call(String caller, String callee) {
    return new TraceSubject(caller, Optional.of(callee));
  }

  @Override
  public String toString() {
    return callee.map(c -> TracedCall.subject(service, c)).orElse(service);
  }
}
