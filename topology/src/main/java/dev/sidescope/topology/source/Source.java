package dev.sidescope.topology.source;

/**
 * Something that watches a cluster, an account, a set of files or a stream of measurements and
 * publishes what it sees, with its own status: topology to an {@link ObservationSink}, measurements
 * to an {@link OverlaySink}. The sink is given when the source is made.
 *
 * <p>Every implementation states in its class Javadoc who calls it, on which threads it works, and
 * what it publishes when (see {@code KubernetesSource}).
 *
 * <p>Threading: the app calls {@link #start()} and {@link #close()} from any one thread. {@code
 * start} returns at once; every network call, retry and publish happens on the source's own
 * threads, never on the caller's. A source never throws from {@code start}: what goes wrong is said
 * in its published {@link dev.sidescope.topology.model.SourceStatus}.
 */
public interface Source extends AutoCloseable {

  /** The source's id as it appears in snapshots, e.g. {@code kubernetes/kind-dev}. */
  String id();

  /** Begins watching; returns at once. Calling it twice has no further effect. */
  void start();

  /** Stops watching and releases threads and connections; idempotent, never throws. */
  @Override
  void close();
}
