package dev.sidescope.samples.envoy;

import dev.sidescope.topology.model.SidecarKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One Envoy sidecar of a served sample: the pod and container it runs in, the admin port a client
 * reaches it on inside the pod, and the clusters it knows.
 *
 * <p>Immutable; thread-safe.
 *
 * @param namespace the pod's namespace
 * @param pod the pod's name
 * @param container the Envoy container's name
 * @param kind {@link SidecarKind#ENVOY}, {@link SidecarKind#ISTIO_PROXY} or {@link
 *     SidecarKind#APPMESH_ENVOY}
 * @param adminPort the admin API's port in the pod: 15000 for {@code istio-proxy}, otherwise the
 *     declared port named {@code admin} or {@code stats}, or 9901
 * @param podIp the pod's IP
 * @param nodeId Envoy's node id, as the mesh sets it (Istio {@code sidecar~<ip>~<pod>.<ns>~<ns>
 *     .svc.cluster.local}, App Mesh {@code mesh/<mesh>/virtualNode/<node>})
 * @param serviceCluster Envoy's {@code --service-cluster}
 * @param version the Envoy release, e.g. {@code 1.29.6}
 * @param started when the container started (the admin API's uptime counts from it)
 * @param localApp the local app cluster (Istio {@code inbound|8080||}, App Mesh {@code
 *     cds_ingress_...}, plain Envoy {@code local_app})
 * @param upstreams the clusters its app calls through it, in a fixed order
 */
public record EnvoySidecar(
    String namespace,
    String pod,
    String container,
    SidecarKind kind,
    int adminPort,
    String podIp,
    String nodeId,
    String serviceCluster,
    String version,
    Instant started,
    EnvoyCluster localApp,
    List<EnvoyCluster> upstreams) {
  public EnvoySidecar {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(podIp, "podIp");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(serviceCluster, "serviceCluster");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(localApp, "localApp");
    upstreams = List.copyOf(upstreams);
  }

  /** {@code <namespace>/<pod>}: how the traffic's pods are keyed. */
  public String podKey() {
    return namespace + "/" + pod;
  }

  /** Every cluster: the local app cluster, then the upstreams. */
  public List<EnvoyCluster> clusters() {
    return Stream.concat(Stream.of(localApp), upstreams.stream()).toList();
  }
}
