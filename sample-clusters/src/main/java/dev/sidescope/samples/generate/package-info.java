/**
 * Sample clusters made without a folder, for scale work: {@link
 * dev.sidescope.samples.generate.ClusterGenerator} turns {@code pods=N[,namespaces=M][,seed=S]}
 * into a {@code SampleCluster} that the server expands and serves like any other, and into the same
 * pods as model observations for benchmarks that need no server. A generated cluster has no traffic
 * model.
 */
package dev.sidescope.samples.generate;
