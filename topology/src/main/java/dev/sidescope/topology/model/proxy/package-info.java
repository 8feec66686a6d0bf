/**
 * What a proxy sidecar says of itself and of its upstreams, read from its admin API (Envoy's {@code
 * /server_info}, {@code /stats}, {@code /clusters}) or its metrics endpoint (Linkerd's {@code
 * /metrics}): one {@link dev.sidescope.topology.model.proxy.ProxyReading} per sidecar per poll. The
 * overlay stage maps its upstream clusters onto the picture's edges; the Envoy tab shows it whole.
 * Immutable values, no I/O.
 */
package dev.sidescope.topology.model.proxy;
