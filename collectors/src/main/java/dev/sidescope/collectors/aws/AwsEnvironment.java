package dev.sidescope.collectors.aws;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of the world the AWS CLI reads its settings from: environment variables and the user's
 * home directory (for {@code ~/.aws/config}, {@code ~/.aws/credentials} and the IAM Identity Center
 * token cache {@code ~/.aws/sso/cache}).
 *
 * <p>{@link #system()} is the real one; tests build their own with a temporary home and only the
 * variables they mean to set, so nothing of the machine running them leaks in.
 *
 * <p>Immutable and thread-safe.
 *
 * @param variables environment variables; blank values count as unset, as the CLI counts them
 * @param home the user's home directory
 */
public record AwsEnvironment(Map<String, String> variables, Path home) {

  public AwsEnvironment {
    variables = Map.copyOf(variables);
    Objects.requireNonNull(home, "home");
  }

  /**
   * The process environment and the user's home directory ({@code HOME}, else {@code user.home}).
   */
  public static AwsEnvironment system() {
    Map<String, String> env = System.getenv();
    String home =
        Optional.ofNullable(env.get("HOME"))
            .filter(h -> !h.isBlank())
            .orElse(System.getProperty("user.home"));
    return new AwsEnvironment(env, Path.of(home));
  }

  /** An environment with only these variables, and this home. */
  public static AwsEnvironment of(Map<String, String> variables, Path home) {
    return new AwsEnvironment(variables, home);
  }

  /** A copy with one more variable set. */
  public AwsEnvironment with(String name, String value) {
    Map<String, String> copy = new java.util.HashMap<>(variables);
    copy.put(name, value);
    return new AwsEnvironment(copy, home);
  }

  /** The variable's value, if set and not blank. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(variables.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  /** True when the variable is set to {@code true} (any case), as the CLI reads flags. */
  public boolean isTrue(String name) {
    return get(name).map(v -> v.toLowerCase(Locale.ROOT).equals("true")).orElse(false);
  }

  /** {@code AWS_CONFIG_FILE}, else {@code ~/.aws/config}. */
  public Path configFile() {
    return get("AWS_CONFIG_FILE").map(this::expand).orElse(awsDirectory().resolve("config"));
  }

  /** {@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/credentials}. */
  public Path credentialsFile() {
    return get("AWS_SHARED_CREDENTIALS_FILE")
        .map(this::expand)
        .orElse(awsDirectory().resolve("credentials"));
  }

  /** Where the CLI caches IAM Identity Center (SSO) tokens: {@code ~/.aws/sso/cache}. */
  public Path ssoCacheDirectory() {
    return awsDirectory().resolve("sso").resolve("cache");
  }

  private Path awsDirectory() {
    return home.resolve(".aws");
  }

  /** A path as the CLI reads it from a variable: a leading {@code ~} is the home directory. */
  Path expand(String path) {
    if (path.equals("~")) {
      return home;
    }
    if (path.startsWith("~/") || path.startsWith("~\\")) {
      return home.resolve(path.substring(2));
    }
    return Path.of(path);
  }

  @Override
  public String toString() {
    // Variables may hold keys: never print them.
    return "AwsEnvironment[home=" + home + ", " + variables.size() + " variables]";
  }
}
