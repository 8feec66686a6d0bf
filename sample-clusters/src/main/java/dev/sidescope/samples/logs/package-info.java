/**
 * The logs of a served sample's containers, written from its traffic: {@link
 * dev.sidescope.samples.logs.SampleLogs} keeps a bounded window of the simulator's recent requests
 * per name of the traffic model and hands out a {@link dev.sidescope.samples.logs.ContainerLog} per
 * container, whose lines are made when read, in that container's real format. The pod-log endpoint
 * of the Kubernetes API and CloudWatch Logs on the AWS endpoint both read them, so that a proxy's
 * access lines, an app's errors, Envoy's counters and X-Ray's traces tell of the same requests.
 */
package dev.sidescope.samples.logs;
