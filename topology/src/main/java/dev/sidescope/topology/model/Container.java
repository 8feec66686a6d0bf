package dev.sidescope.topology.model;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A classified container: its spec plus the role the classifier gave it. {@code kind} and {@code
 * variant} are present exactly when the role is {@link Role#SIDECAR}.
 *
 * @param id {@code <workload id>/<container name>}
 */
public record Container(
    String id,
    ContainerSpec spec,
    Role role,
    Optional<SidecarKind> kind,
    Optional<Variant> variant) {

  public Container {
    kind = kind == null ? Optional.empty() : kind;
    variant = variant == null ? Optional.empty() : variant;
    if (role == Role.SIDECAR && (kind.isEmpty() || variant.isEmpty())) {
      throw new IllegalArgumentException("a sidecar needs a kind and a variant: " + id);
    }
    if (role != Role.SIDECAR && (kind.isPresent() || variant.isPresent())) {
      throw new IllegalArgumentException("only a sidecar has a kind and a variant: " + id);
    }
  }

  /** An app or init container. */
  public static Container of(String workloadId, ContainerSpec spec, Role role) {
    return new Container(
        workloadId + "/" + spec.name(), spec, role, Optional.empty(), Optional.empty());
  }

  /** A sidecar of the given kind and variant. */
  public static Container sidecar(
      String workloadId, ContainerSpec spec, SidecarKind kind, Variant variant) {
    return new Container(
        workloadId + "/" + spec.name(),
        spec,
        Role.SIDECAR,
        KINDS.get(Objects.requireNonNull(kind)),
        VARIANTS.get(Objects.requireNonNull(variant)));
  }

  // Optional.of for each kind and variant, made once: every sidecar of a snapshot has both.
  private static final Map<SidecarKind, Optional<SidecarKind>> KINDS = optionals(SidecarKind.class);
  private static final Map<Variant, Optional<Variant>> VARIANTS = optionals(Variant.class);

  private static <E extends Enum<E>> Map<E, Optional<E>> optionals(Class<E> type) {
    Map<E, Optional<E>> optionals = new EnumMap<>(type);
    for (E value : type.getEnumConstants()) {
      optionals.put(value, Optional.of(value));
    }
    return optionals;
  }

  public String name() {
    return spec.name();
  }

  public String image() {
    return spec.image();
  }

  public ContainerState state() {
    return spec.state();
  }

  public boolean isSidecar() {
    return role == Role.SIDECAR;
  }

  public boolean isApp() {
    return role == Role.APP;
  }

  /** True for a sidecar of this kind. */
  public boolean is(SidecarKind sidecarKind) {
    return kind.isPresent() && kind.get() == sidecarKind;
  }
}
