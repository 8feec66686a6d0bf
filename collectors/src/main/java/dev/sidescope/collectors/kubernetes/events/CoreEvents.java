package dev.sidescope.collectors.kubernetes.events;

import dev.sidescope.topology.events.PlatformEvent;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSeries;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a core v1 Event as a {@link PlatformEvent}: the container from the involved object's field
 * path ({@code spec.containers{xray-daemon}}), the times from {@code firstTimestamp} and {@code
 * lastTimestamp}, or from {@code eventTime} and {@code series} as newer reporters write them, and
 * who said it from {@code source.component} or {@code reportingComponent}.
 *
 * <p>Pure functions; safe from any thread.
 */
final class CoreEvents {
  private static final Pattern CONTAINER =
      Pattern.compile("spec\\.(?:initContainers|containers|ephemeralContainers)\\{([^}]+)\\}");

  private CoreEvents() {}

  /**
   * The event as said about {@code workloadId}; empty when it carries no time at all, which no API
   * server writes.
   */
  static Optional<PlatformEvent> read(String workloadId, Event event) {
    ObjectReference about = event.getInvolvedObject();
    Optional<Instant> last =
        firstOf(
            time(event.getLastTimestamp()),
            Optional.ofNullable(event.getSeries())
                .map(EventSeries::getLastObservedTime)
                .flatMap(CoreEvents::time),
            time(event.getEventTime()),
            time(event.getFirstTimestamp()),
            time(event.getMetadata() == null ? null : event.getMetadata().getCreationTimestamp()));
    if (last.isEmpty()) {
      return Optional.empty();
    }
    Instant first =
        firstOf(
                time(event.getFirstTimestamp()),
                time(event.getEventTime()),
                time(
                    event.getMetadata() == null
                        ? null
                        : event.getMetadata().getCreationTimestamp()))
            .filter(t -> !t.isAfter(last.get()))
            .orElse(last.get());
    return Optional.of(
        new PlatformEvent(
            workloadId,
            about == null || about.getKind() == null ? "Unknown" : about.getKind(),
            about == null || about.getName() == null ? "" : about.getName(),
            container(about == null ? null : about.getFieldPath()),
            "Warning".equalsIgnoreCase(event.getType())
                ? PlatformEvent.Type.WARNING
                : PlatformEvent.Type.NORMAL,
            blankTo(event.getReason(), "Unknown"),
            event.getMessage() == null ? "" : event.getMessage().strip(),
            count(event),
            first,
            last.get(),
            origin(event)));
  }

  /** The container a field path names: {@code spec.containers{envoy}} is {@code envoy}. */
  static Optional<String> container(String fieldPath) {
    if (fieldPath == null) {
      return Optional.empty();
    }
    Matcher m = CONTAINER.matcher(fieldPath);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** A key that tells events apart: the uid, else namespace and name. */
  static String key(Event event) {
    var meta = event.getMetadata();
    if (meta == null) {
      return "";
    }
    if (meta.getUid() != null && !meta.getUid().isBlank()) {
      return meta.getUid();
    }
    return meta.getNamespace() + "/" + meta.getName();
  }

  private static int count(Event event) {
    if (event.getCount() != null && event.getCount() > 0) {
      return event.getCount();
    }
    if (event.getSeries() != null
        && event.getSeries().getCount() != null
        && event.getSeries().getCount() > 0) {
      return event.getSeries().getCount();
    }
    return 1;
  }

  private static String origin(Event event) {
    EventSource source = event.getSource();
    if (source != null && source.getComponent() != null && !source.getComponent().isBlank()) {
      return source.getComponent();
    }
    return blankTo(event.getReportingComponent(), "kubernetes");
  }

  private static String blankTo(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  private static Optional<Instant> time(MicroTime time) {
    return time == null ? Optional.empty() : time(time.getTime());
  }

  private static Optional<Instant> time(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  @SafeVarargs
  private static <T> Optional<T> firstOf(Optional<T>... values) {
    for (Optional<T> v : values) {
      if (v.isPresent()) {
        return v;
      }
    }
    return Optional.empty();
  }
}
