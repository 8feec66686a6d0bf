package dev.sidescope.views.sources;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the console hears of traces, chosen in the Sources dialog: the X-Ray API with the AWS profile
 * and region chosen for ECS, over a window; and a local port that listens for segments as the X-Ray
 * daemon does, for apps whose {@code AWS_XRAY_DAEMON_ADDRESS} points at it.
 *
 * @param api whether to ask the X-Ray API (the service graph, time series, traces)
 * @param window how far back the API's figures reach
 * @param daemon where to listen for segments, {@code [HOST:]PORT}; empty: no port
 */
public record XRayChoice(boolean api, Duration window, Optional<String> daemon) {
  /** The API's window unless chosen otherwise. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

  /** Where the daemon port listens when switched on, the X-Ray daemon's own address. */
  public static final String DEFAULT_DAEMON = "127.0.0.1:2000";

  /** The API on over five minutes; no daemon port. */
  public static final XRayChoice DEFAULT = new XRayChoice(true, DEFAULT_WINDOW, Optional.empty());

  public XRayChoice {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("an X-Ray window must be longer than nothing");
    }
    daemon =
        daemon == null ? Optional.empty() : daemon.map(String::strip).filter(d -> !d.isEmpty());
    daemon
        .flatMap(XRayChoice::problem)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException(p);
            });
  }

  /**
   * Why {@code address} is not a {@code [HOST:]PORT} to listen on, in one sentence; empty when it
   * is one.
   */
  public static Optional<String> problem(String address) {
    String a = address.strip();
    int colon = a.lastIndexOf(':');
    String host = colon < 0 ? "" : a.substring(0, colon);
    String port = colon < 0 ? a : a.substring(colon + 1);
    if (colon >= 0 && host.isBlank()) {
      return Optional.of("The daemon address \"" + a + "\" names no host before the colon.");
    }
    if (host.contains(" ") || (host.contains(":") && !host.startsWith("["))) {
      return Optional.of("The daemon address \"" + a + "\" is not [HOST:]PORT.");
    }
    try {
      int p = Integer.parseInt(port);
      if (p < 1 || p > 65535) {
        return Optional.of("The daemon port must be between 1 and 65535, not " + p + ".");
      }
    } catch (NumberFormatException e) {
      return Optional.of("The daemon address \"" + a + "\" ends in no port number.");
    }
    return Optional.empty();
  }

  /** "X-Ray 5 min · daemon 127.0.0.1:2000", or "" when neither is on. */
  public String describe() {
    String apiPart = api ? "X-Ray " + minutes(window) : "";
    String daemonPart = daemon.map(d -> "daemon " + d).orElse("");
    if (apiPart.isEmpty() || daemonPart.isEmpty()) {
      return apiPart + daemonPart;
    }
    return apiPart + " · " + daemonPart;
  }

  private static String minutes(Duration d) {
    return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
  }
}
