package dev.sidescope.samples.kubernetes;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The names, ids and random choices of a served sample, made the way Kubernetes makes them and
 * derived from a seed and the object's identity, so that the same sample gives the same names on
 * every run and adding one object does not rename the others.
 *
 * <p>Stateless apart from the seed; thread-safe.
 */
final class ObjectNames {
  /** The alphabet of Kubernetes' generated suffixes ({@code k8s.io/apimachinery/pkg/util/rand}). */
  static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

  private final long seed;

  ObjectNames(long seed) {
    this.seed = seed;
  }

  /** A random source for one object, named by a stable identity such as {@code Pod/shop/x}. */
  SplittableRandom random(String identity) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ fnv64(identity));
  }

  /**
   * The names of the {@code count} pods an owner creates: {@code <owner>-<5 chars>}, as the
   * ReplicaSet, DaemonSet and Job controllers name theirs; unique within the owner.
   */
  List<String> podNames(String namespace, String owner, int count) {
    SplittableRandom random = random("pod-names/" + namespace + "/" + owner);
    Set<String> seen = new HashSet<>();
    List<String> names = new ArrayList<>(count);
    while (names.size() < count) {
      String name = owner + "-" + suffix(random, 5);
      if (seen.add(name)) {
        names.add(name);
      }
    }
    return names;
  }

  /** A uid in the shape of the API server's (a random UUID). */
  static String uid(SplittableRandom random) {
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(most, least).toString();
  }

  /** {@code length} characters from {@link #ALPHANUMS}. */
  static String suffix(SplittableRandom random, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(ALPHANUMS.charAt(random.nextInt(ALPHANUMS.length())));
    }
    return b.toString();
  }

  /** {@code bytes} random bytes as lower-case hex, for container ids and the like. */
  static String hex(SplittableRandom random, int bytes) {
    byte[] b = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      b[i] = (byte) random.nextInt(256);
    }
    return HexFormat.of().formatHex(b);
  }

  /**
   * The {@code pod-template-hash} of a template: as the Deployment controller makes it, a 32-bit
   * FNV-1a hash written in decimal and each digit mapped into {@link #ALPHANUMS}, which gives the
   * familiar 9–10 characters such as {@code 7c9d8f6b5}.
   */
  static String podTemplateHash(PodTemplateSpec template) {
    byte[] json = ModelJson.write(template).getBytes(StandardCharsets.UTF_8);
    int hash = 0x811C9DC5;
    for (byte b : json) {
      hash ^= b & 0xFF;
      hash *= 0x01000193;
    }
    String digits = Long.toString(Integer.toUnsignedLong(hash));
    StringBuilder encoded = new StringBuilder(digits.length());
    for (int i = 0; i < digits.length(); i++) {
      encoded.append(ALPHANUMS.charAt(digits.charAt(i) % ALPHANUMS.length()));
    }
    return encoded.toString();
  }

  /** An instant as the API server writes it: RFC 3339, whole seconds, UTC. */
  static String timestamp(Instant instant) {
    // By hand: the formatter is a noticeable part of making 20,000 pods.
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    StringBuilder b = new StringBuilder(20);
    b.append(t.getYear()).append('-');
    two(b, t.getMonthValue()).append('-');
    two(b, t.getDayOfMonth()).append('T');
    two(b, t.getHour()).append(':');
    two(b, t.getMinute()).append(':');
    return two(b, t.getSecond()).append('Z').toString();
  }

  private static StringBuilder two(StringBuilder b, int value) {
    return b.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  static long fnv64(String text) {
    long hash = 0xCBF29CE484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xFF;
      hash *= 0x100000001B3L;
    }
    return hash;
  }
}
