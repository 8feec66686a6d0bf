package dev.sidescope.topology.classify;

import java.util.Locale;
import java.util.Optional;

/**
 * A container image reference split into registry, repository path, tag and digest, e.g. {@code
 * 840364872350.dkr.ecr.us-west-2.amazonaws.com/aws-appmesh-envoy:v1.29.6.0-prod} into registry
 * {@code 840364872350.dkr.ecr.us-west-2.amazonaws.com}, repository {@code aws-appmesh-envoy} and
 * tag {@code v1.29.6.0-prod}.
 *
 * <p>The registry is recognised the way Docker does it: the first path component is a host when it
 * holds a dot or a colon or is {@code localhost}. Docker Hub's implicit {@code library/} namespace
 * is dropped, so {@code docker.io/library/nginx} and {@code nginx} have the same repository. The
 * repository is lower-cased. Parsing never fails: a string that is not a valid reference (a
 * template placeholder such as {@code <repository_uri>}) becomes a repository of its own.
 *
 * <p>Immutable and thread-safe.
 */
public final class ImageReference {

  private final Optional<String> registry;
  private final String repository;
  private final String namespace;
  private final String name;
  private final Optional<String> tag;
  private final Optional<String> digest;

  private ImageReference(
      Optional<String> registry, String repository, Optional<String> tag, Optional<String> digest) {
    this.registry = registry;
    this.repository = repository;
    int slash = repository.lastIndexOf('/');
    this.namespace = slash < 0 ? "" : repository.substring(0, slash);
    this.name = repository.substring(slash + 1);
    this.tag = tag;
    this.digest = digest;
  }

  /** Splits a reference as written in a manifest; {@code null} reads as the empty reference. */
  public static ImageReference parse(String reference) {
    String rest = reference == null ? "" : reference.trim();

    Optional<String> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = nonEmpty(rest.substring(at + 1));
      rest = rest.substring(0, at);
    }

    // A colon after the last slash starts the tag; one before it belongs to a registry port.
    Optional<String> tag = Optional.empty();
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = nonEmpty(rest.substring(colon + 1));
      rest = rest.substring(0, colon);
    }

    Optional<String> registry = Optional.empty();
    int firstSlash = rest.indexOf('/');
    if (firstSlash > 0) {
      String first = rest.substring(0, firstSlash);
      if (first.indexOf('.') >= 0 || first.indexOf(':') >= 0 || first.equals("localhost")) {
        registry = Optional.of(first.toLowerCase(Locale.ROOT));
        rest = rest.substring(firstSlash + 1);
      }
    }

    String repository = rest.toLowerCase(Locale.ROOT);
    if (repository.startsWith("library/")
        && registry.map(ImageReference::isDockerHub).orElse(true)) {
      repository = repository.substring("library/".length());
    }
    return new ImageReference(registry, repository, tag, digest);
  }

  private static boolean isDockerHub(String host) {
    return host.equals("docker.io")
        || host.equals("index.docker.io")
        || host.equals("registry-1.docker.io")
        || host.equals("registry.hub.docker.com");
  }

  private static Optional<String> nonEmpty(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** The registry host (with its port, if any), when the reference names one. */
  public Optional<String> registry() {
    return registry;
  }

  /** The repository path without registry, tag or digest, e.g. {@code istio/proxyv2}. */
  public String repository() {
    return repository;
  }

  /** The repository path before its last segment, e.g. {@code istio}; empty for {@code nginx}. */
  public String namespace() {
    return namespace;
  }

  /** The repository's last segment, e.g. {@code proxyv2}. */
  public String name() {
    return name;
  }

  /** The tag, e.g. {@code 1.27-alpine}, when the reference has one. */
  public Optional<String> tag() {
    return tag;
  }

  /** The digest, e.g. {@code sha256:4c1e...}, when the reference pins one. */
  public Optional<String> digest() {
    return digest;
  }

  @Override
  public String toString() {
    return registry.map(r -> r + "/").orElse("")
        + repository
        + tag.map(t -> ":" + t).orElse("")
        + digest.map(d -> "@" + d).orElse("");
  }
}
