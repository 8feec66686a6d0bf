package dev.sidescope.samples.xray;

import dev.sidescope.topology.model.traffic.TracedCall;
import dev.sidescope.topology.model.traffic.TracedService;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What X-Ray's service graph holds for a stretch of time: the services, each with the calls it
 * answered, and the calls between them.
 *
 * @param start the first minute counted
 * @param end the end of the last minute counted
 * @param services every service that called or answered, in the order they were first seen
 * @param calls every caller to callee pair that had calls, in the order they were first seen
 */
public record ServiceGraph(
    Instant start, Instant end, List<TracedService> services, List<TracedCall> calls) {
  public ServiceGraph {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    services = List.copyOf(services);
    calls = List.copyOf(calls);
  }
}
