package dev.sidescope.topology.edges;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the host a configuration value points at: {@code http://user:pw@ledger.payments:8080/x?q}
 * gives {@code ledger.payments}, {@code payment-service:8080} gives {@code payment-service}. The
 * userinfo and query of a URL never reach the result.
 */
final class HostName {
  private static final Pattern HOST_PORT =
      Pattern.compile("^([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)(\\.[A-Za-z0-9-]+)*:\\d{1,5}$");
  private static final Pattern WHITESPACE = Pattern.compile("\\s");
  private static final Pattern URL_START = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

  private HostName() {}

  /** The host named by a value, lower case, if the value is a URL or a {@code host:port}. */
  static Optional<String> of(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.strip();
    if (URL_START.matcher(v).matches()) {
      try {
        String host = URI.create(WHITESPACE.split(v, 2)[0]).getHost();
        return Optional.ofNullable(host).map(HostName::normal);
      } catch (IllegalArgumentException notAUri) {
        return Optional.empty();
      }
    }
    if (HOST_PORT.matcher(v).matches()) {
      return Optional.of(normal(v.substring(0, v.lastIndexOf(':'))));
    }
    return Optional.empty();
  }

  /** True for addresses that stay inside the pod or task. */
  static boolean isLocal(String host) {
    return host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("0.0.0.0")
        || host.equals("[::1]")
        || host.equals("::1");
  }

  private static String normal(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
