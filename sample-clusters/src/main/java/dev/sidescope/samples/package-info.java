/**
 * Serving a sample cluster, and what a client is told to reach it: {@link
 * dev.sidescope.samples.SampleClusterServer} reads or generates a sample, starts its endpoints on
 * loopback (the Kubernetes API of {@code samples.kubernetes}, the AWS endpoint of {@code
 * samples.aws}) and its traffic ({@code samples.traffic}), and writes the kubeconfig and the env
 * file that point {@code kubectl}, the AWS SDK and Sidescope at them.
 *
 * <p>Sub-packages by job: {@code folder} (what a sample is, read from its folder), {@code
 * kubernetes} (the served Kubernetes API), {@code aws} (the AWS endpoint), {@code generate}
 * (clusters made without a folder), {@code traffic} (requests simulated from the traffic model),
 * {@code logs} (containers' logs written from that traffic, for pod logs and CloudWatch Logs). They
 * never depend on this package; this package is the only one that knows them all.
 */
package dev.sidescope.samples;
