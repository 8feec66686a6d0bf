package dev.sidescope.collectors.aws;

import java.util.Optional;

/**
 * What looking for AWS settings found: a {@link Found connection}, or {@link Missing one sentence}
 * saying why there is none (no credentials, no region, a profile that does not exist).
 */
public sealed interface AwsResolution {

  /** Credentials and a region were found. The caller owns the connection and closes it. */
  record Found(AwsConnection connection) implements AwsResolution {}

  /** Nothing usable was found; {@code reason} is one sentence for a person. */
  record Missing(String reason) implements AwsResolution {}

  /** The connection, if one was found. */
  default Optional<AwsConnection> found() {
    return this instanceof Found found ? Optional.of(found.connection()) : Optional.empty();
  }

  /** Why there is no connection, if there is none. */
  default Optional<String> whyMissing() {
    return this instanceof Missing missing ? Optional.of(missing.reason()) : Optional.empty();
  }
}
