package dev.sidescope.samples.aws;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults the {@link SampleAwsEndpoint} injects into its answers, ECS and X-Ray alike, for tests of
 * how a client copes. Throttling is the protocol's: ECS's 400 {@code ThrottlingException}, X-Ray's
 * 429 {@code ThrottledException}. Each "next N calls" fault counts HTTP requests as they arrive (an
 * SDK's retries count too), and the first pending fault in this order wins: throttling, server
 * errors, malformed JSON; a denied cluster applies to every call about that cluster while it is
 * denied.
 *
 * <p>Thread-safe: tests set faults while the endpoint serves.
 */
public final class AwsFaults {
  private final AtomicInteger throttled = new AtomicInteger();
  private final AtomicInteger serverErrors = new AtomicInteger();
  private final AtomicInteger malformed = new AtomicInteger();
  private final Set<String> deniedClusters = ConcurrentHashMap.newKeySet();

  AwsFaults() {}

  /** The next {@code calls} calls are throttled ("Rate exceeded"). */
  public AwsFaults throttleNext(int calls) {
    throttled.set(calls);
    return this;
  }

  /**
   * The next {@code calls} calls answer 500 ({@code ServerException}, X-Ray's {@code
   * InternalFailure}).
   */
  public AwsFaults serverErrorNext(int calls) {
    serverErrors.set(calls);
    return this;
  }

  /** The next {@code calls} calls answer 200 with a body that is not valid JSON. */
  public AwsFaults malformedNext(int calls) {
    malformed.set(calls);
    return this;
  }

  /** Every call about this cluster answers 400 {@code AccessDeniedException} until allowed. */
  public AwsFaults denyCluster(String cluster) {
    deniedClusters.add(cluster);
    return this;
  }

  /** Lifts {@link #denyCluster}. */
  public AwsFaults allowCluster(String cluster) {
    deniedClusters.remove(cluster);
    return this;
  }

  /** No faults any more. */
  public AwsFaults clear() {
    throttled.set(0);
    serverErrors.set(0);
    malformed.set(0);
    deniedClusters.clear();
    return this;
  }

  /** What to do with one call: a fault, or nothing. */
  enum Fault {
    THROTTLE,
    SERVER_ERROR,
    MALFORMED
  }

  /** Takes the next pending "next N calls" fault, if any. */
  Optional<Fault> take() {
    if (takeOne(throttled)) {
      return Optional.of(Fault.THROTTLE);
    }
    if (takeOne(serverErrors)) {
      return Optional.of(Fault.SERVER_ERROR);
    }
    if (takeOne(malformed)) {
      return Optional.of(Fault.MALFORMED);
    }
    return Optional.empty();
  }

  boolean denied(String cluster) {
    return deniedClusters.contains(cluster)
        || deniedClusters.contains(cluster.toLowerCase(Locale.ROOT));
  }

  private static boolean takeOne(AtomicInteger counter) {
    return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }
}
