/**
 * The proxy source: polls the admin APIs of proxy sidecars (Envoy, Istio's and App Mesh's Envoy,
 * Linkerd's proxy), directly or through Kubernetes port-forwards, and publishes what each says of
 * its upstreams — rates, error rates, response times, hosts and their health — as {@link
 * dev.sidescope.topology.model.proxy.ProxyReading}s; and answers questions about one sidecar (its
 * redacted configuration, its stats over recent polls). Read-only: GETs of read-only paths.
 */
package dev.sidescope.collectors.proxy;
