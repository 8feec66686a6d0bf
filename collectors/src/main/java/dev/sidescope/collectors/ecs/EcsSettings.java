package dev.sidescope.collectors.ecs;

import dev.sidescope.collectors.aws.AwsConnection;
import dev.sidescope.collectors.aws.AwsEnvironment;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * What the ECS source is asked to watch, and with what: the command line's {@code --aws-profile},
 * {@code --region}, {@code --ecs-cluster} and {@code --endpoint-url}, plus the environment they
 * fall back to and the poll interval. Immutable; build one with {@link #builder()}.
 *
 * @param profile {@code --aws-profile}; else {@code AWS_PROFILE}, else {@code default}
 * @param region {@code --region}; else {@code AWS_REGION} and the profile's region
 * @param clusters {@code --ecs-cluster} names or ARNs; empty: every cluster {@code ListClusters}
 *     returns
 * @param endpoint {@code --endpoint-url}, for ECS only; else {@code AWS_ENDPOINT_URL_ECS}, {@code
 *     AWS_ENDPOINT_URL} and the profile's endpoint settings
 * @param pollInterval time between polls ({@link #DEFAULT_POLL_INTERVAL}); each is jittered
 * @param environment the process environment and home directory to read settings from
 * @param clock stamps statuses and judges token expiry
 * @param httpClient the transport, instead of a url-connection client (tests)
 */
public record EcsSettings(
    Optional<String> profile,
    Optional<String> region,
    List<String> clusters,
    Optional<URI> endpoint,
    Duration pollInterval,
    AwsEnvironment environment,
    Clock clock,
    Optional<SdkHttpClient> httpClient) {

  /** How often the source polls ECS by default. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(15);

  public EcsSettings {
    profile = profile == null ? Optional.empty() : profile.filter(p -> !p.isBlank());
    region = region == null ? Optional.empty() : region.filter(r -> !r.isBlank());
    clusters = List.copyOf(clusters);
    endpoint = endpoint == null ? Optional.empty() : endpoint;
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("the poll interval must be positive: " + pollInterval);
    }
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(clock, "clock");
    httpClient = httpClient == null ? Optional.empty() : httpClient;
  }

  /** The request for the shared AWS settings. */
  AwsConnection.Request connectionRequest() {
    AwsConnection.Request request = new AwsConnection.Request(profile, region, Optional.empty());
    return httpClient.map(request::withHttpClient).orElse(request);
  }

  /** Settings from the process environment, polling every 15 s, every cluster. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link EcsSettings}; not thread-safe. */
  public static final class Builder {
    private String profile;
    private String region;
    private final List<String> clusters = new ArrayList<>();
    private URI endpoint;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private AwsEnvironment environment;
    private Clock clock = Clock.systemUTC();
    private SdkHttpClient httpClient;

    private Builder() {}

    public Builder profile(String value) {
      this.profile = value;
      return this;
    }

    public Builder region(String value) {
      this.region = value;
      return this;
    }

    public Builder cluster(String nameOrArn) {
      clusters.add(Objects.requireNonNull(nameOrArn, "cluster"));
      return this;
    }

    public Builder clusters(List<String> namesOrArns) {
      namesOrArns.forEach(this::cluster);
      return this;
    }

    public Builder endpoint(URI value) {
      this.endpoint = value;
      return this;
    }

    public Builder pollInterval(Duration value) {
      this.pollInterval = value;
      return this;
    }

    public Builder environment(AwsEnvironment value) {
      this.environment = value;
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    public Builder httpClient(SdkHttpClient value) {
      this.httpClient = value;
      return this;
    }

    public EcsSettings build() {
      return new EcsSettings(
          Optional.ofNullable(profile),
          Optional.ofNullable(region),
          clusters,
          Optional.ofNullable(endpoint),
          pollInterval,
          environment == null ? AwsEnvironment.system() : environment,
          clock,
          Optional.ofNullable(httpClient));
    }
  }
}
