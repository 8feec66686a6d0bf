/**
 * The ports that sources implement and publish through. Every source of topology or overlay data is
 * a {@link dev.sidescope.topology.source.Source}: it runs on its own threads, states them in its
 * Javadoc, and hands what it sees to a sink — an {@link
 * dev.sidescope.topology.source.ObservationSink} for topology (Kubernetes, ECS, manifests), an
 * {@link dev.sidescope.topology.source.OverlaySink} for measurements (X-Ray, Envoy admin). The
 * store implements both. Pure Java, no I/O.
 */
package dev.sidescope.topology.source;
