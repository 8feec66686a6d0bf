package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import dev.sidescope.collectors.xray.daemon.XRayDaemonSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The X-Ray sources' command-line options, for any command to mix in ({@code @Mixin XRayOptions
 * xray;}): {@code --xray-daemon [HOST:]PORT} opens a local daemon port (never by default), {@code
 * --xray-forward HOST:PORT} relays what it receives to a real daemon, {@code --no-xray} keeps the
 * X-Ray API source from starting beside ECS, and {@code --xray-window} sets the sliding window of
 * both.
 */
public final class XRayOptions {
  /** Where a bare {@code --xray-daemon} listens: the X-Ray daemon's own address. */
  public static final String DEFAULT_DAEMON = "127.0.0.1:2000";

  /** The window when none is given. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

  /**
   * How often the X-Ray API is read when not said: X-Ray's own console refreshes about as often.
   */
  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(30);

  private static final Pattern ADDRESS =
      Pattern.compile("(?:(\\[[0-9A-Fa-f:.]+]|[^:\\s]+):)?(\\d{1,5})");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*(s|m|h)?");

  @Option(
      names = "--xray-daemon",
      paramLabel = "[HOST:]PORT",
      arity = "0..1",
      fallbackValue = DEFAULT_DAEMON,
      description =
          "Listen for X-Ray segments as the X-Ray daemon does, on UDP (bare: "
              + DEFAULT_DAEMON
              + "). A source of its own: given alone, the only one.")
  String daemon;

  @Option(
      names = "--xray-forward",
      paramLabel = "HOST:PORT",
      description =
          "Relay every datagram the daemon port receives, unchanged, to this X-Ray daemon.")
  String forward;

  @Option(names = "--no-xray", description = "Do not read the X-Ray API beside ECS.")
  boolean noXray;

  @Option(
      names = "--xray-refresh",
      paramLabel = "DURATION",
      description = "How often the X-Ray API is read again: 10s, 1m (default: 30s).")
  String refresh;

  @Option(
      names = "--xray-window",
      paramLabel = "DURATION",
      description = "How far back X-Ray figures reach: 30s, 5m, 1h (default: 5m).")
  String window;

  /** Whether a daemon port was asked for: then it is a source of its own. */
  public boolean daemonAsked() {
    return daemon != null;
  }

  /** Whether the X-Ray API may start beside ECS. */
  public boolean apiWanted() {
    return !noXray;
  }

  /**
   * Where the daemon port listens; empty when none was asked for.
   *
   * @throws UserError when the address is not {@code [HOST:]PORT}
   */
  public Optional<InetSocketAddress> daemonAddress() {
    if (daemon == null) {
      return Optional.empty();
    }
    return Optional.of(address("--xray-daemon", daemon, "127.0.0.1"));
  }

  /**
   * Where the daemon port relays to; empty when not asked.
   *
   * @throws UserError when the address is not {@code HOST:PORT}, or is given without {@code
   *     --xray-daemon}
   */
  public Optional<InetSocketAddress> forwardAddress() {
    if (forward == null) {
      return Optional.empty();
    }
    if (daemon == null) {
      throw new UserError("--xray-forward relays what --xray-daemon receives; give both.");
    }
    InetSocketAddress to = address("--xray-forward", forward, "127.0.0.1");
    if (to.equals(daemonAddress().orElseThrow())) {
      throw new UserError("--xray-forward names the daemon port itself; name the real daemon.");
    }
    return Optional.of(to);
  }

  /**
   * The window asked for, or {@link #DEFAULT_WINDOW}.
   *
   * @throws UserError when it is not a whole number of seconds, minutes or hours between 10 s and 6
   *     h (X-Ray's service graph reaches back no further than 6 hours per call)
   */
  public Duration window() {
    return window == null
        ? DEFAULT_WINDOW
        : duration("--xray-window", window, Duration.ofSeconds(10), Duration.ofHours(6));
  }

  /**
   * How often the X-Ray API is read, or {@link #DEFAULT_REFRESH}.
   *
   * @throws UserError when it is not a whole number of seconds, minutes or hours between 5 s and 1
   *     h
   */
  public Duration refresh() {
    return refresh == null
        ? DEFAULT_REFRESH
        : duration("--xray-refresh", refresh, Duration.ofSeconds(5), Duration.ofHours(1));
  }

  private static Duration duration(String option, String text, Duration least, Duration most) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    Duration d = null;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      d =
          switch (unit) {
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
          };
    }
    if (d == null || d.compareTo(least) < 0 || d.compareTo(most) > 0) {
      throw new UserError(
          option
              + " takes a duration from "
              + words(least)
              + " to "
              + words(most)
              + ", such as 30s, 5m or 1h, not '"
              + text
              + "'.");
    }
    return d;
  }

  private static String words(Duration d) {
    long s = d.toSeconds();
    return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  /**
   * The daemon port's settings, when one was asked for.
   *
   * @throws UserError when an address or the window is not usable
   */
  public Optional<XRayDaemonSettings> daemonSettings() {
    Optional<InetSocketAddress> listen = daemonAddress();
    if (listen.isEmpty()) {
      return Optional.empty();
    }
    XRayDaemonSettings.Builder b =
        XRayDaemonSettings.builder().listen(listen.get()).window(window());
    forwardAddress().ifPresent(b::forward);
    return Optional.of(b.build());
  }

  /** {@code [HOST:]PORT} as an address, resolving the host now. */
  static InetSocketAddress address(String option, String text, String defaultHost) {
    Matcher m = ADDRESS.matcher(text.trim());
    if (!m.matches()) {
      throw new UserError(
          option + " takes [HOST:]PORT, such as 2000 or 127.0.0.1:2000, not '" + text + "'.");
    }
    int port = Integer.parseInt(m.group(2));
    if (port < 1 || port > 65535) {
      throw new UserError(option + " takes a port from 1 to 65535, not " + port + ".");
    }
    String host = m.group(1) == null ? defaultHost : m.group(1).replace("[", "").replace("]", "");
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new UserError(option + " names the host '" + host + "', which does not resolve.");
    }
    return address;
  }
}
