/**
 * A served sample's Linkerd proxies, each with a real Linkerd admin port on loopback: {@link
 * dev.sidescope.samples.linkerd.SampleLinkerds#find} finds the {@code linkerd-proxy} sidecars of an
 * expanded cluster and the authority each name of the traffic is called by; {@link
 * dev.sidescope.samples.linkerd.LinkerdCounters} moves their metrics with the sample's traffic;
 * {@link dev.sidescope.samples.linkerd.LinkerdAdminEndpoint} serves {@code /metrics} in the proxy's
 * Prometheus text, and {@code /ready} and {@code /live}, read-only.
 */
package dev.sidescope.samples.linkerd;
