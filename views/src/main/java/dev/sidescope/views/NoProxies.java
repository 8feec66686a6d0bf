package dev.sidescope.views;

import dev.sidescope.topology.model.proxy.ConfigTree;
import dev.sidescope.topology.model.proxy.StatSeries;
import dev.sidescope.topology.source.ProxyQueries;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The console's proxy questions when the app runs no proxy source: every question fails at once
 * with {@link #SENTENCE}, and the Envoy tab says that the proxy source is off.
 */
public final class NoProxies implements ProxyQueries {
  /** What the Envoy tab says instead of an answer. */
  public static final String SENTENCE =
      "The proxy source is off: Sidescope reads no Envoy admin API in this run.";

  public static final NoProxies INSTANCE = new NoProxies();

  private NoProxies() {}

  private static <T> CompletableFuture<T> none() {
    return CompletableFuture.failedFuture(new IllegalStateException(SENTENCE));
  }

  @Override
  public CompletableFuture<ConfigTree> configDump(String subject) {
    return none();
  }

  @Override
  public CompletableFuture<List<StatSeries>> stats(String subject, String search, int limit) {
    return none();
  }
}
