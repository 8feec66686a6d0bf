/**
 * A served sample's Envoy sidecars, each with a real Envoy admin API on loopback: {@link
 * dev.sidescope.samples.envoy.SampleEnvoys#find} finds the Envoys of an expanded cluster (App Mesh
 * Envoys, {@code istio-proxy}, plain Envoy) and the upstream clusters each one knows; {@link
 * dev.sidescope.samples.envoy.EnvoyCounters} moves their stats with the sample's traffic; {@link
 * dev.sidescope.samples.envoy.EnvoyAdminEndpoint} serves {@code /stats}, {@code /clusters}, {@code
 * /server_info}, {@code /ready} and {@code /config_dump} in Envoy's own formats, read-only.
 */
package dev.sidescope.samples.envoy;
