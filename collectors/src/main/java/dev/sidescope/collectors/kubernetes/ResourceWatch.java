package dev.sidescope.collectors.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One informer of the Kubernetes source: a kind, cluster-wide or in one namespace, and what went
 * wrong with it last.
 *
 * <p>Created, started and stopped on the source's loop thread. fabric8's threads write the last
 * failure and the refusal flags (from the informer's exception handler); the loop reads them. The
 * informer's cache is fabric8's own thread-safe store.
 */
final class ResourceWatch {

  /** A failed list or watch, when it happened. */
  record Failure(Throwable error, Instant at) {}

  final WatchedKind kind;
  final Optional<String> namespace;
  final SharedIndexInformer<? extends HasMetadata> informer;

  private volatile Failure lastFailure;
  private volatile boolean refused;
  private volatile boolean absent;

  ResourceWatch(
      WatchedKind kind,
      Optional<String> namespace,
      SharedIndexInformer<? extends HasMetadata> informer) {
    this.kind = kind;
    this.namespace = namespace;
    this.informer = informer;
  }

  void failed(Throwable error, Instant at) {
    lastFailure = new Failure(error, at);
  }

  Optional<Failure> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  /** Its first list was forbidden (403); the informer has stopped. */
  void refuse() {
    refused = true;
  }

  boolean refused() {
    return refused;
  }

  /** The API server does not serve this kind (404); the informer has stopped. */
  void markAbsent() {
    absent = true;
  }

  /** Neither refused nor absent: it has data or is still trying to get some. */
  boolean active() {
    return !refused && !absent;
  }

  boolean synced() {
    return informer.hasSynced();
  }

  boolean watching() {
    return informer.isWatching();
  }

  @SuppressWarnings("unchecked")
  <T extends HasMetadata> List<T> items() {
    return (List<T>) informer.getStore().list();
  }

  @SuppressWarnings("unchecked")
  <T extends HasMetadata> T byKey(String key) {
    return (T) informer.getStore().getByKey(key);
  }

  ApiFailures.Operation operation() {
    return new ApiFailures.Operation("list", kind.plural, namespace);
  }

  void stop() {
    informer.stop();
  }

  @Override
  public String toString() {
    return kind.plural + namespace.map(ns -> " in " + ns).orElse(" cluster-wide");
  }
}
