package dev.sidescope.topology.source;

import dev.sidescope.topology.model.proxy.ConfigTree;
import dev.sidescope.topology.model.proxy.StatSeries;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Questions the Envoy tab asks about one proxy sidecar, answered by the proxy source on demand.
 * Subjects are {@link dev.sidescope.topology.model.proxy.ProxyReading#subject()}s.
 *
 * <p>Threading: every method returns at once; the answer is worked out on the source's threads and
 * completes the future there. A failed question completes exceptionally with an exception whose
 * message is one sentence for a person. Read-only: each answer is a GET of the admin API.
 */
public interface ProxyQueries {

  /**
   * The proxy's {@code /config_dump}, every secret redacted (private keys, passwords, tokens,
   * anything secret-like). Fetched only when asked.
   */
  CompletableFuture<ConfigTree> configDump(String subject);

  /**
   * At most {@code limit} stats whose names contain {@code search} (case-insensitive; all where it
   * is blank), sorted by name, each with its values over the recent polls. Asking starts keeping
   * history for this proxy, so a second ask a few polls later has longer series.
   */
  CompletableFuture<List<StatSeries>> stats(String subject, String search, int limit);
}
