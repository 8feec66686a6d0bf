package dev.sidescope.topology.classify;

import java.util.Locale;
import java.util.Optional;

/**
 * An image repository pattern of the sidecar table, matched against an {@link ImageReference}
 * whatever its registry, tag or digest.
 *
 * <ul>
 *   <li>{@code istio/proxyv2}: exactly this repository path;
 *   <li>{@code nginx}: a repository without namespace (Docker Hub's official image);
 *   <li>{@code *}{@code /proxyv2}: this last segment under any namespace, or none — how a mirror in
 *       a private registry or ECR usually names it;
 *   <li>the last segment may be a {@link NamePattern}: {@code envoyproxy/envoy*}, {@code *}{@code
 *       /*-exporter}.
 * </ul>
 *
 * @param namespace the namespace the repository must have; empty for any
 */
record ImagePattern(Optional<String> namespace, NamePattern name) {

  static ImagePattern parse(String pattern) {
    String lower = pattern.toLowerCase(Locale.ROOT);
    int slash = lower.lastIndexOf('/');
    if (slash < 0) {
      return new ImagePattern(Optional.of(""), NamePattern.parse(lower));
    }
    String namespace = lower.substring(0, slash);
    return new ImagePattern(
        namespace.equals("*") ? Optional.empty() : Optional.of(namespace),
        NamePattern.parse(lower.substring(slash + 1)));
  }

  boolean matches(ImageReference image) {
    return (namespace.isEmpty() || namespace.get().equals(image.namespace()))
        && name.matches(image.name());
  }
}
