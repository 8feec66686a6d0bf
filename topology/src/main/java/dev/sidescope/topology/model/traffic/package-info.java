/**
 * Traffic as tracing measures it: calls between services with their counts and response times
 * ({@link dev.sidescope.topology.model.traffic.CallStats}), over a window or per period, and single
 * traces. X-Ray's service graph and a local daemon port both produce these; the overlay stage maps
 * them onto the picture, and the Traffic tab draws them. Immutable values, no I/O.
 */
package dev.sidescope.topology.model.traffic;
