package dev.sidescope.samples.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids in the shapes ECS gives them, derived from a name (a cluster, service and task number, say)
 * by SHA-256, so that a sample's tasks, containers and deployments have the same ids on every run.
 *
 * <p>Stateless and thread-safe.
 */
final class DerivedIds {
  private DerivedIds() {}

  /** The SHA-256 of {@code seed} as 64 lower-case hex digits. */
  static String hex(String seed) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** A UUID-shaped id derived from a seed. */
  static String uuid(String seed) {
    String h = hex(seed);
    return h.substring(0, 8)
        + "-"
        + h.substring(8, 12)
        + "-"
        + h.substring(12, 16)
        + "-"
        + h.substring(16, 20)
        + "-"
        + h.substring(20, 32);
  }

  /** Nineteen decimal digits derived from a seed, like ECS deployment ids. */
  static String digits(String seed) {
    String h = hex(seed);
    StringBuilder digits = new StringBuilder();
    for (int i = 0; digits.length() < 19; i++) {
      digits.append(Character.digit(h.charAt(i % h.length()), 16) % 10);
    }
    return digits.toString();
  }
}
