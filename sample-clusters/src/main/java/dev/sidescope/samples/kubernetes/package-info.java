/**
 * A sample's Kubernetes API, served on loopback as a cluster would serve it: {@link
 * dev.sidescope.samples.kubernetes.ClusterExpander} expands a sample's manifests into what a
 * cluster's controllers would make of them (ReplicaSets, pods with statuses, nodes, Endpoints), and
 * {@link dev.sidescope.samples.kubernetes.SampleKubernetesApi} serves the result through fabric8's
 * CRUD store on its own Vert.x server: discovery, lists, watches, writes, pod logs in each
 * container's real format (docs/decisions/0007, 0011), and port-forwards, relayed to where {@link
 * dev.sidescope.samples.kubernetes.PortForwardTargets} says a pod's port leads.
 *
 * <p>Everything else here is the API's inside and package-private. The kubeconfig that points a
 * client here is written by the server that starts this API, not by this package.
 */
package dev.sidescope.samples.kubernetes;
