package dev.sidescope.collectors.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Optional;

/**
 * The kinds of object the Kubernetes source keeps an informer on, each with the API plural used in
 * statuses ("cannot list pods cluster-wide") and the way to make its informer. Only get, list and
 * watch are ever asked of them.
 */
enum WatchedKind {
  PODS("pods"),
  SERVICES("services"),
  ENDPOINT_SLICES("endpointslices"),
  REPLICA_SETS("replicasets"),
  DEPLOYMENTS("deployments"),
  STATEFUL_SETS("statefulsets"),
  DAEMON_SETS("daemonsets"),
  JOBS("jobs"),
  CRON_JOBS("cronjobs"),
  NAMESPACES("namespaces"),
  VIRTUAL_NODES("virtualnodes");

  /** App Mesh's group version, served only where its controller's CRDs are installed. */
  static final String APP_MESH_GROUP_VERSION = "appmesh.k8s.aws/v1beta2";

  static final ResourceDefinitionContext VIRTUAL_NODE =
      new ResourceDefinitionContext.Builder()
          .withGroup("appmesh.k8s.aws")
          .withVersion("v1beta2")
          .withKind("VirtualNode")
          .withPlural("virtualnodes")
          .withNamespaced(true)
          .build();

  /**
   * How many objects each page of an informer's list holds, as client-go's informers ask: a
   * 20,000-pod list then arrives as forty bodies of a few megabytes, which are parsed as they come
   * and not kept, rather than as one body of a hundred.
   */
  static final long LIST_PAGE = 500;

  final String plural;

  WatchedKind(String plural) {
    this.plural = plural;
  }

  /** Namespaces are cluster-scoped: they have no namespaced fallback. */
  boolean namespaced() {
    return this != NAMESPACES;
  }

  /**
   * A new, unstarted informer over this kind, in {@code namespace} or (when empty) cluster-wide,
   * listing in pages of {@link #LIST_PAGE}, whose cache keeps only what the source reads ({@link
   * TrimmedItemStore}). No resync: the cache follows the watch.
   */
  SharedIndexInformer<? extends HasMetadata> informer(
      KubernetesClient client, Optional<String> namespace) {
    SharedIndexInformer<? extends HasMetadata> informer = unstarted(client, namespace);
    informer.itemStore(new TrimmedItemStore<>(controller()));
    return informer;
  }

  /**
   * True for the kinds the source's observations read: pods, services and endpoint slices whole,
   * ReplicaSets and Jobs for pods' owner chains, App Mesh virtual nodes. The other kinds are
   * watched for the status (what is listable) and change nothing in a snapshot, so their events do
   * not set off a new observation; code that starts reading one must add it here.
   */
  boolean observed() {
    return switch (this) {
      case PODS, SERVICES, ENDPOINT_SLICES, REPLICA_SETS, JOBS, VIRTUAL_NODES -> true;
      default -> false;
    };
  }

  /** A controller kind: its objects are read for their metadata only (owner chains). */
  private boolean controller() {
    return switch (this) {
      case REPLICA_SETS, DEPLOYMENTS, STATEFUL_SETS, DAEMON_SETS, JOBS, CRON_JOBS -> true;
      default -> false;
    };
  }

  private SharedIndexInformer<? extends HasMetadata> unstarted(
      KubernetesClient client, Optional<String> namespace) {
    return switch (this) {
      case PODS -> scoped(client.pods(), namespace);
      case SERVICES -> scoped(client.services(), namespace);
      case ENDPOINT_SLICES -> scoped(client.discovery().v1().endpointSlices(), namespace);
      case REPLICA_SETS -> scoped(client.apps().replicaSets(), namespace);
      case DEPLOYMENTS -> scoped(client.apps().deployments(), namespace);
      case STATEFUL_SETS -> scoped(client.apps().statefulSets(), namespace);
      case DAEMON_SETS -> scoped(client.apps().daemonSets(), namespace);
      case JOBS -> scoped(client.batch().v1().jobs(), namespace);
      case CRON_JOBS -> scoped(client.batch().v1().cronjobs(), namespace);
      case NAMESPACES -> client.namespaces().withLimit(LIST_PAGE).runnableInformer(0);
      case VIRTUAL_NODES -> scoped(client.genericKubernetesResources(VIRTUAL_NODE), namespace);
    };
  }

  private static <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>>
      SharedIndexInformer<T> scoped(MixedOperation<T, L, R> operation, Optional<String> namespace) {
    return namespace.isPresent()
        ? operation.inNamespace(namespace.get()).withLimit(LIST_PAGE).runnableInformer(0)
        : operation.inAnyNamespace().withLimit(LIST_PAGE).runnableInformer(0);
  }
}
