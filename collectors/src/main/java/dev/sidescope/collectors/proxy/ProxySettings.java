package dev.sidescope.collectors.proxy;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the proxy source reads its sidecars. Immutable; start from {@link #commandLine()} or {@link
 * #console()} and change what differs with the {@code with...} methods.
 *
 * @param interval time between two rounds of polls ({@link #DEFAULT_INTERVAL}); rates are worked
 *     out over the time that really passed
 * @param timeout how long one request to one admin API may take to answer, and again for its answer
 *     to come whole ({@link #DEFAULT_TIMEOUT}); a sidecar that takes longer is not answering this
 *     round
 * @param parallelism how many sidecars are read at once: 8 for the command line, 50 for the console
 * @param maxTargets at most this many sidecars are read; the rest are counted in the status
 * @param clock times the polls and stamps statuses and readings
 */
public record ProxySettings(
    Duration interval, Duration timeout, int parallelism, int maxTargets, Clock clock) {

  /** How often every sidecar is read by default. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

  /** How long one request may take by default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /** Sidecars read at once from the command line: few, the machine may be busy. */
  public static final int COMMAND_LINE_PARALLELISM = 8;

  /** Sidecars read at once in the console, where a hundred should be read within the interval. */
  public static final int CONSOLE_PARALLELISM = 50;

  /** At most this many sidecars by default. */
  public static final int DEFAULT_MAX_TARGETS = 500;

  public ProxySettings {
    positive(interval, "interval");
    positive(timeout, "timeout");
    if (parallelism < 1) {
      throw new IllegalArgumentException("the parallelism must be at least 1: " + parallelism);
    }
    if (maxTargets < 1) {
      throw new IllegalArgumentException("at least one sidecar must be readable: " + maxTargets);
    }
    Objects.requireNonNull(clock, "clock");
  }

  private static void positive(Duration value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("the " + what + " must be positive: " + value);
    }
  }

  /** Every 5 s, 2 s a request, 8 sidecars at once. */
  public static ProxySettings commandLine() {
    return new ProxySettings(
        DEFAULT_INTERVAL,
        DEFAULT_TIMEOUT,
        COMMAND_LINE_PARALLELISM,
        DEFAULT_MAX_TARGETS,
        Clock.systemUTC());
  }

  /** Every 5 s, 2 s a request, 50 sidecars at once. */
  public static ProxySettings console() {
    return commandLine().withParallelism(CONSOLE_PARALLELISM);
  }

  public ProxySettings withInterval(Duration value) {
    return new ProxySettings(value, timeout, parallelism, maxTargets, clock);
  }

  public ProxySettings withTimeout(Duration value) {
    return new ProxySettings(interval, value, parallelism, maxTargets, clock);
  }

  public ProxySettings withParallelism(int value) {
    return new ProxySettings(interval, timeout, value, maxTargets, clock);
  }

  public ProxySettings withMaxTargets(int value) {
    return new ProxySettings(interval, timeout, parallelism, value, clock);
  }

  public ProxySettings withClock(Clock value) {
    return new ProxySettings(interval, timeout, parallelism, maxTargets, value);
  }
}
