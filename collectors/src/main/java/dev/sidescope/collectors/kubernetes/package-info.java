/**
 * Kubernetes: fabric8 model objects (from files or informers) into model observations, and the live
 * source that keeps informers on a kube context ({@link
 * dev.sidescope.collectors.kubernetes.KubernetesSource}), with the kubeconfig read as kubectl reads
 * it ({@link dev.sidescope.collectors.kubernetes.Kubeconfig}). Read-only toward every cluster.
 */
package dev.sidescope.collectors.kubernetes;
