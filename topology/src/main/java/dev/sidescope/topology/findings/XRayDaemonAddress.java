package dev.sidescope.topology.findings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The value of {@code AWS_XRAY_DAEMON_ADDRESS} as the X-Ray SDKs read it: {@code host:port} for
 * both traces (UDP) and sampling (TCP), or {@code udp:host:port tcp:host:port} (either order) when
 * they differ. IPv6 hosts are written in brackets ({@code [::1]:2000}).
 *
 * @param endpoints one per address given, in the order written
 */
record XRayDaemonAddress(List<Endpoint> endpoints) {

  /** The name of the variable the X-Ray SDKs read. */
  static final String VARIABLE = "AWS_XRAY_DAEMON_ADDRESS";

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  XRayDaemonAddress {
    endpoints = List.copyOf(endpoints);
  }

  /**
   * One address the SDK sends to.
   *
   * @param protocol {@code udp}, {@code tcp}, or empty when the address serves both
   */
  record Endpoint(Optional<String> protocol, String host, int port) {
    /** "host:port" as written, IPv6 hosts in brackets. */
    String hostPort() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** The address, or empty when the SDK would not understand the value. */
  static Optional<XRayDaemonAddress> parse(String value) {
    String[] parts = splitOnWhitespace(value.strip());
    List<Endpoint> endpoints = new ArrayList<>();
    if (parts.length == 1 && !hasProtocol(parts[0])) {
      return endpoint(Optional.empty(), parts[0]).map(e -> new XRayDaemonAddress(List.of(e)));
    }
    if (parts.length > 2) {
      return Optional.empty();
    }
    for (String part : parts) {
      if (!hasProtocol(part)) {
        return Optional.empty();
      }
      String protocol = part.substring(0, 3).toLowerCase(Locale.ROOT);
      Optional<Endpoint> e = endpoint(Optional.of(protocol), part.substring(4));
      if (e.isEmpty()) {
        return Optional.empty();
      }
      endpoints.add(e.get());
    }
    return Optional.of(new XRayDaemonAddress(endpoints));
  }

  /**
   * {@code WHITESPACE.split(text)}, without a matcher for the usual text that holds no whitespace
   * ({@code \s}: space, tab, line feed, vertical tab, form feed, carriage return).
   */
  private static String[] splitOnWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
        return WHITESPACE.split(text);
      }
    }
    return new String[] {text};
  }

  /** One to five ASCII digits ({@code \d{1,5}}). */
  private static boolean isPortNumber(String text) {
    if (text.isEmpty() || text.length() > 5) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean hasProtocol(String part) {
    String lower = part.toLowerCase(Locale.ROOT);
    return lower.startsWith("udp:") || lower.startsWith("tcp:");
  }

  private static Optional<Endpoint> endpoint(Optional<String> protocol, String hostPort) {
    String host;
    String port;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf("]:");
      if (close < 0) {
        return Optional.empty();
      }
      host = hostPort.substring(1, close);
      port = hostPort.substring(close + 2);
    } else {
      int colon = hostPort.lastIndexOf(':');
      if (colon < 0) {
        return Optional.empty();
      }
      host = hostPort.substring(0, colon);
      port = hostPort.substring(colon + 1);
    }
    if (host.isEmpty() || !isPortNumber(port)) {
      return Optional.empty();
    }
    int number = Integer.parseInt(port);
    if (number < 1 || number > 65535) {
      return Optional.empty();
    }
    return Optional.of(new Endpoint(protocol, host, number));
  }
}
