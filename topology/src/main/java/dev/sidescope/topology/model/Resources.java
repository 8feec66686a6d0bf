package dev.sidescope.topology.model;

import java.util.Optional;

/**
 * A container's resource limits as the manifest writes them ({@code 100m}, {@code 64Mi}; ECS {@code
 * cpu} units and MiB are written as given).
 */
public record Resources(Optional<String> cpuLimit, Optional<String> memoryLimit) {
  public static final Resources NONE = new Resources(Optional.empty(), Optional.empty());

  public Resources {
    cpuLimit = cpuLimit == null ? Optional.empty() : cpuLimit;
    memoryLimit = memoryLimit == null ? Optional.empty() : memoryLimit;
  }

  /** True when neither a CPU nor a memory limit is set. */
  public boolean isEmpty() {
    return cpuLimit.isEmpty() && memoryLimit.isEmpty();
  }
}
