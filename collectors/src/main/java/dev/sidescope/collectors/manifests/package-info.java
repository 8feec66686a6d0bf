/**
 * Manifest files: Kubernetes YAML/JSON and ECS task definitions in a folder, read into model
 * observations for {@code sidescope snapshot --manifests DIR}. {@link
 * dev.sidescope.collectors.manifests.ManifestReader} is the entry point; everything else here is
 * package-private.
 */
package dev.sidescope.collectors.manifests;
