package dev.sidescope.views.console;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of the Traffic tab that each snapshot brings: the figures of the service or call shown,
 * and the calls into and out of the service.
 *
 * @param heading "order-service", or "order-service → payment-service" for one call
 * @param back for one call, the service to go back to
 * @param figures the figures over the window; empty when tracing saw no calls of it
 * @param note what stands in for the figures when there are none
 * @param calls the service's calls, outgoing first; empty for one call
 */
public record TrafficOverview(
    String heading,
    Optional<String> back,
    Optional<TrafficFigures> figures,
    String note,
    List<CallRow> calls) {
  public TrafficOverview {
    Objects.requireNonNull(heading, "heading");
    Objects.requireNonNull(back, "back");
    Objects.requireNonNull(figures, "figures");
    Objects.requireNonNull(note, "note");
    calls = List.copyOf(calls);
  }
}
