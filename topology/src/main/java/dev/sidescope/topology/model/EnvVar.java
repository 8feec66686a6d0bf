package dev.sidescope.topology.model;

import java.util.Optional;

/**
 * An environment variable of a container.
 *
 * <p>{@code literal} holds the value written in the manifest; it is empty when the value comes from
 * elsewhere (a Kubernetes secret or config map, an ECS {@code secrets} entry, a field reference),
 * and {@code reference} then says where from, e.g. {@code secret payment-db/password}. Literal
 * values are kept only so that the classifier can read addresses from them; anything shown to a
 * person goes through {@link CredentialMask}.
 */
public record EnvVar(String name, Optional<String> literal, Optional<String> reference) {
  public EnvVar {
    literal = literal == null ? Optional.empty() : literal;
    reference = reference == null ? Optional.empty() : reference;
  }

  /** A variable with a value written in the manifest. */
  public static EnvVar literal(String name, String value) {
    return new EnvVar(name, Optional.ofNullable(value), Optional.empty());
  }

  /** A variable whose value comes from elsewhere. */
  public static EnvVar reference(String name, String from) {
    return new EnvVar(name, Optional.empty(), Optional.of(from));
  }
}
