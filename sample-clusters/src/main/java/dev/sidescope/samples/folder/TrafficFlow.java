package dev.sidescope.samples.folder;

import java.util.Objects;

/**
 * One line of a sample's traffic model ({@code cluster.yaml}, {@code traffic:}): requests from one
 * workload to another, at a rate, with a latency distribution and an error rate.
 *
 * @param from a workload (controller, bare pod or ECS service) or anything else, which becomes an
 *     external node
 * @param to as {@code from}
 * @param rps requests per second
 * @param p50Ms median latency in milliseconds
 * @param p90Ms 90th percentile latency in milliseconds
 * @param p99Ms 99th percentile latency in milliseconds
 * @param errorRate the fraction of requests that fail (0.004, not 0.4%)
 */
public record TrafficFlow(
    String from,
    String to,
    double rps,
    double p50Ms,
    double p90Ms,
    double p99Ms,
    double errorRate) {
  public TrafficFlow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }
}
