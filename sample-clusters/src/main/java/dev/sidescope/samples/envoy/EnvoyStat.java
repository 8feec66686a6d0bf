package dev.sidescope.samples.envoy;

import java.util.Objects;

/**
 * One counter or gauge of an Envoy's {@code /stats}.
 *
 * <p>Immutable; thread-safe.
 *
 * @param name the stat's full name, e.g. {@code cluster.local_app.upstream_rq_total}
 * @param value its value
 * @param used whether Envoy would list it under {@code usedonly}: a counter that has counted, a
 *     gauge that has been set
 */
public record EnvoyStat(String name, long value, boolean used) {
  public EnvoyStat {
    Objects.requireNonNull(name, "name");
  }
}
