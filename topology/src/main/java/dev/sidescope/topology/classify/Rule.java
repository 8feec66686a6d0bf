package dev.sidescope.topology.classify;

import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One row of the sidecar table: a kind, its variant, and the evidence that names it. A container
 * matches the row when any of the row's evidence fits it and the row's conditions hold.
 *
 * @param kind the kind a matching container gets
 * @param variant the seed's variant for that kind
 * @param images image repository patterns (see {@link ImagePattern})
 * @param names container name patterns (see {@link NamePattern})
 * @param ports declared ports, number and protocol
 * @param addressEnv an environment variable through which another container of the workload
 *     addresses this sidecar on localhost (or by container name, as ECS links do)
 * @param proxyType the ECS {@code proxyConfiguration} type naming this container
 * @param firelensType the ECS {@code firelensConfiguration} type this container declares
 * @param listingAnnotation a pod annotation whose JSON lists the containers an injector added
 * @param requiredAnnotation condition: the pod carries this annotation (a key ending in {@code /}
 *     is a prefix)
 * @param requiredCommandWord condition: this word appears in the container's command or args
 * @param onlyBesideAnApp the kind is a sidecar only when another container is the app (a plain
 *     nginx is as often the app itself)
 */
record Rule(
    SidecarKind kind,
    Variant variant,
    List<ImagePattern> images,
    List<NamePattern> names,
    List<Port> ports,
    Optional<String> addressEnv,
    Optional<String> proxyType,
    Optional<String> firelensType,
    Optional<String> listingAnnotation,
    Optional<String> requiredAnnotation,
    Optional<String> requiredCommandWord,
    boolean onlyBesideAnApp) {

  Rule {
    images = List.copyOf(images);
    names = List.copyOf(names);
    ports = List.copyOf(ports);
  }

  /** Starts a row for this kind, variant {@code sidecar} unless told otherwise. */
  static Builder of(SidecarKind kind) {
    return new Builder(kind);
  }

  /** True when the workload itself declares the container to be this kind. */
  boolean isDeclared() {
    return proxyType.isPresent() || firelensType.isPresent() || listingAnnotation.isPresent();
  }

  /** Builds one row of the table; not thread-safe, used only while the table is built. */
  static final class Builder {
    private final SidecarKind kind;
    private Variant variant = Variant.SIDECAR;
    private final List<ImagePattern> images = new ArrayList<>();
    private final List<NamePattern> names = new ArrayList<>();
    private final List<Port> ports = new ArrayList<>();
    private Optional<String> addressEnv = Optional.empty();
    private Optional<String> proxyType = Optional.empty();
    private Optional<String> firelensType = Optional.empty();
    private Optional<String> listingAnnotation = Optional.empty();
    private Optional<String> requiredAnnotation = Optional.empty();
    private Optional<String> requiredCommandWord = Optional.empty();
    private boolean onlyBesideAnApp;

    private Builder(SidecarKind kind) {
      this.kind = kind;
    }

    Builder variant(Variant value) {
      variant = value;
      return this;
    }

    Builder images(String... patterns) {
      for (String pattern : patterns) {
        images.add(ImagePattern.parse(pattern));
      }
      return this;
    }

    Builder names(String... patterns) {
      for (String pattern : patterns) {
        names.add(NamePattern.parse(pattern));
      }
      return this;
    }

    Builder ports(Port... values) {
      ports.addAll(List.of(values));
      return this;
    }

    Builder addressedBy(String envName) {
      addressEnv = Optional.of(envName);
      return this;
    }

    Builder proxyConfiguration(String type) {
      proxyType = Optional.of(type);
      return this;
    }

    Builder firelens(String type) {
      firelensType = Optional.of(type);
      return this;
    }

    Builder listedIn(String annotation) {
      listingAnnotation = Optional.of(annotation);
      return this;
    }

    Builder whenAnnotation(String keyOrPrefix) {
      requiredAnnotation = Optional.of(keyOrPrefix);
      return this;
    }

    Builder whenCommand(String word) {
      requiredCommandWord = Optional.of(word);
      return this;
    }

    Builder onlyBesideAnApp() {
      onlyBesideAnApp = true;
      return this;
    }

    Rule build() {
      return new Rule(
          kind,
          variant,
          images,
          names,
          ports,
          addressEnv,
          proxyType,
          firelensType,
          listingAnnotation,
          requiredAnnotation,
          requiredCommandWord,
          onlyBesideAnApp);
    }
  }
}
