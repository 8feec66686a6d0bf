package dev.sidescope.app.runtime;

import dev.sidescope.collectors.proxy.ProxySource;
import dev.sidescope.collectors.proxy.ProxyTargets;
import dev.sidescope.topology.model.TopologyBase;
import dev.sidescope.topology.model.proxy.ConfigTree;
import dev.sidescope.topology.model.proxy.StatSeries;
import dev.sidescope.topology.snapshot.TopologyStore;
import dev.sidescope.topology.source.ProxyQueries;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The console's proxy source, following the picture: every proxy sidecar of the pods the sources
 * see (at most the source's maximum, a setting) is read, the set renewed with each new base the
 * store builds, whatever grouping is shown. Also the console's one {@link ProxyQueries}, which asks
 * the source following now and says plainly when none is.
 *
 * <p>Threading: {@link #follow} and {@link #stop} from any thread; the store calls back on its
 * writer, and the source polls on its own threads.
 */
public final class ProxyFollower implements ProxyQueries {
  private final TopologyStore store;
  private volatile ProxySource source;
  private volatile Consumer<TopologyBase> listener;

  ProxyFollower(TopologyStore store) {
    this.store = store;
  }

  /** Makes {@code newSource} read the proxy sidecars of every base from now on. */
  public synchronized void follow(ProxySource newSource) {
    stop();
    source = newSource;
    Consumer<TopologyBase> l =
        base -> newSource.targets(ProxyTargets.fromWorkloads(base.workloads()));
    listener = l;
    store.base().ifPresent(l); // the pods known already; the writer tells the next ones
    store.addBaseListener(l);
  }

  /** Stops following; the runtime closes the source itself. */
  public synchronized void stop() {
    Consumer<TopologyBase> l = listener;
    if (l != null) {
      store.removeBaseListener(l);
    }
    listener = null;
    source = null;
  }

  @Override
  public CompletableFuture<ConfigTree> configDump(String subject) {
    ProxySource s = source;
    return s == null ? off() : s.configDump(subject);
  }

  @Override
  public CompletableFuture<List<StatSeries>> stats(String subject, String search, int limit) {
    ProxySource s = source;
    return s == null ? off() : s.stats(subject, search, limit);
  }

  private static <T> CompletableFuture<T> off() {
    return CompletableFuture.failedFuture(
        new IllegalStateException(
            "No proxy source is running: choose a kube context or the demo."));
  }
}
