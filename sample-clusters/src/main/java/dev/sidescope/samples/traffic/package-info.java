/**
 * A sample's traffic model run as requests: {@link dev.sidescope.samples.traffic.TrafficSimulator}
 * turns the flows of {@code cluster.yaml}'s {@code traffic:} into {@link
 * dev.sidescope.samples.traffic.SimulatedRequest}s (Poisson arrivals at each flow's rate, latencies
 * whose p50, p90 and p99 are the flow's, faults at its error rate) on one simulated clock and a
 * seed, and hands them to {@link dev.sidescope.samples.traffic.RequestListener}s; {@link
 * dev.sidescope.samples.traffic.RealTimeTraffic} runs it on a real clock in a served sample.
 *
 * <p>The endpoints that render traffic (X-Ray segments, Envoy counters and histograms, access-log
 * lines) are to listen to the one simulator of a served sample, so the three overlays agree with
 * each other (docs/decisions/0015).
 */
package dev.sidescope.samples.traffic;
