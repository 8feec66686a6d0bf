package dev.sidescope.topology.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A container as a source describes it, before classification: what the manifest or task definition
 * says, joined with what is known at run time.
 *
 * @param name container name
 * @param image image reference as written
 * @param initContainer declared among Kubernetes {@code initContainers}
 * @param restartAlways Kubernetes {@code restartPolicy: Always} on an init container: a native
 *     sidecar
 * @param ports declared ports
 * @param env environment, in declaration order
 * @param mounts volume mounts
 * @param limits resource limits
 * @param command command and args, joined in order
 * @param essential ECS {@code essential}; empty on Kubernetes
 * @param dependsOn ECS {@code dependsOn}
 * @param firelens ECS {@code firelensConfiguration}: this container is the task's log router
 * @param logConfig ECS {@code logConfiguration}
 * @param state run-time state
 */
public record ContainerSpec(
    String name,
    String image,
    boolean initContainer,
    boolean restartAlways,
    List<Port> ports,
    List<EnvVar> env,
    List<VolumeMount> mounts,
    Resources limits,
    List<String> command,
    Optional<Boolean> essential,
    List<Dependency> dependsOn,
    Optional<LogConfig> firelens,
    Optional<LogConfig> logConfig,
    ContainerState state) {

  public ContainerSpec {
    image = image == null ? "" : image;
    ports = List.copyOf(ports);
    env = List.copyOf(env);
    mounts = List.copyOf(mounts);
    limits = limits == null ? Resources.NONE : limits;
    command = List.copyOf(command);
    essential = essential == null ? Optional.empty() : essential;
    dependsOn = List.copyOf(dependsOn);
    firelens = firelens == null ? Optional.empty() : firelens;
    logConfig = logConfig == null ? Optional.empty() : logConfig;
    state = state == null ? ContainerState.UNKNOWN : state;
  }

  /** True for a Kubernetes native sidecar: an init container that keeps running. */
  public boolean nativeSidecar() {
    return initContainer && restartAlways;
  }

  /** The literal value of an environment variable, if the manifest writes one. */
  public Optional<String> envLiteral(String envName) {
    for (int i = 0; i < env.size(); i++) {
      EnvVar e = env.get(i);
      if (e.name().equals(envName)) {
        return e.literal();
      }
    }
    return Optional.empty();
  }

  /** A copy with another run-time state. */
  public ContainerSpec withState(ContainerState newState) {
    return toBuilder().state(newState).build();
  }

  public static Builder builder(String name, String image) {
    return new Builder(name, image);
  }

  public Builder toBuilder() {
    Builder b = new Builder(name, image);
    b.initContainer = initContainer;
    b.restartAlways = restartAlways;
    b.ports.addAll(ports);
    b.env.addAll(env);
    b.mounts.addAll(mounts);
    b.limits = limits;
    b.command.addAll(command);
    b.essential = essential;
    b.dependsOn.addAll(dependsOn);
    b.firelens = firelens;
    b.logConfig = logConfig;
    b.state = state;
    return b;
  }

  /** Builds a {@link ContainerSpec}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private final String image;
    private boolean initContainer;
    private boolean restartAlways;
    private final List<Port> ports = new ArrayList<>();
    private final List<EnvVar> env = new ArrayList<>();
    private final List<VolumeMount> mounts = new ArrayList<>();
    private Resources limits = Resources.NONE;
    private final List<String> command = new ArrayList<>();
    private Optional<Boolean> essential = Optional.empty();
    private final List<Dependency> dependsOn = new ArrayList<>();
    private Optional<LogConfig> firelens = Optional.empty();
    private Optional<LogConfig> logConfig = Optional.empty();
    private ContainerState state = ContainerState.UNKNOWN;

    private Builder(String name, String image) {
      this.name = name;
      this.image = image;
    }

    public Builder initContainer(boolean value) {
      this.initContainer = value;
      return this;
    }

    public Builder restartAlways(boolean value) {
      this.restartAlways = value;
      return this;
    }

    public Builder port(Port port) {
      ports.add(port);
      return this;
    }

    public Builder env(EnvVar var) {
      env.add(var);
      return this;
    }

    public Builder env(String envName, String value) {
      env.add(EnvVar.literal(envName, value));
      return this;
    }

    public Builder mount(VolumeMount mount) {
      mounts.add(mount);
      return this;
    }

    public Builder limits(Resources value) {
      this.limits = value;
      return this;
    }

    public Builder command(List<String> args) {
      command.addAll(args);
      return this;
    }

    public Builder essential(boolean value) {
      this.essential = Optional.of(value);
      return this;
    }

    public Builder dependsOn(Dependency dependency) {
      dependsOn.add(dependency);
      return this;
    }

    public Builder firelens(LogConfig value) {
      this.firelens = Optional.of(value);
      return this;
    }

    public Builder logConfig(LogConfig value) {
      this.logConfig = Optional.of(value);
      return this;
    }

    public Builder state(ContainerState value) {
      this.state = value;
      return this;
    }

    public ContainerSpec build() {
      return new ContainerSpec(
          name,
          image,
          initContainer,
          restartAlways,
          ports,
          env,
          mounts,
          limits,
          command,
          essential,
          dependsOn,
          firelens,
          logConfig,
          state);
    }
  }
}
