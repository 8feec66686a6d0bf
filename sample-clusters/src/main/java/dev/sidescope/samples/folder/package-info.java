/**
 * What a sample cluster is, and reading one from its folder (DESIGN.md, "Sample clusters"): {@link
 * dev.sidescope.samples.folder.SampleClusterFolder} reads {@code cluster.yaml} (name, description,
 * the {@code traffic:} model as {@link dev.sidescope.samples.folder.TrafficFlow}s) and the
 * manifests under {@code kubernetes/} into a {@link dev.sidescope.samples.folder.SampleCluster};
 * {@link dev.sidescope.samples.folder.BuiltInSamples} finds the folders that ship inside Sidescope.
 *
 * <p>The other jobs start from here: {@code samples.kubernetes} expands and serves a {@code
 * SampleCluster}, {@code samples.generate} makes one without a folder, {@code samples.traffic} runs
 * its flows. The folder's {@code ecs/} part is read by {@code samples.aws}. Nothing here knows a
 * protocol or a server.
 */
package dev.sidescope.samples.folder;
