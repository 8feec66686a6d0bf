package dev.sidescope.collectors.xray.api;

import dev.sidescope.collectors.aws.AwsConnection;
import dev.sidescope.collectors.aws.AwsEnvironment;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * What the X-Ray API source reads, and with what: the command line's {@code --aws-profile}, {@code
 * --region}, {@code --endpoint-url} and {@code --xray-window}, plus the environment they fall back
 * to and how often the service graph is read. Immutable; build one with {@link #builder()}.
 *
 * @param profile {@code --aws-profile}; else {@code AWS_PROFILE}, else {@code default}
 * @param region {@code --region}; else {@code AWS_REGION} and the profile's region
 * @param endpoint {@code --endpoint-url}, for X-Ray only; else {@code AWS_ENDPOINT_URL_XRAY},
 *     {@code AWS_ENDPOINT_URL} and the profile's endpoint settings
 * @param window how far back the service graph and the trace lists look ({@link #DEFAULT_WINDOW})
 * @param refresh time between two readings of the service graph ({@link #DEFAULT_REFRESH}); each is
 *     jittered
 * @param environment the process environment and home directory to read settings from
 * @param clock places the window and stamps statuses
 * @param httpClient the transport, instead of a url-connection client (tests)
 */
public record XRaySettings(
    Optional<String> profile,
    Optional<String> region,
    Optional<URI> endpoint,
    Duration window,
    Duration refresh,
    AwsEnvironment environment,
    Clock clock,
    Optional<SdkHttpClient> httpClient) {

  /** The service graph's window by default: the last five minutes. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

  /** How often the service graph is read by default. */
  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(30);

  public XRaySettings {
    profile = profile == null ? Optional.empty() : profile.filter(p -> !p.isBlank());
    region = region == null ? Optional.empty() : region.filter(r -> !r.isBlank());
    endpoint = endpoint == null ? Optional.empty() : endpoint;
    positive(window, "window");
    positive(refresh, "refresh interval");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(clock, "clock");
    httpClient = httpClient == null ? Optional.empty() : httpClient;
  }

  private static void positive(Duration value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("the " + what + " must be positive: " + value);
    }
  }

  /** The request for the shared AWS settings. */
  AwsConnection.Request connectionRequest() {
    AwsConnection.Request request = new AwsConnection.Request(profile, region, Optional.empty());
    return httpClient.map(request::withHttpClient).orElse(request);
  }

  /** Settings from the process environment: the last 5 minutes, read every 30 s. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link XRaySettings}; not thread-safe. */
  public static final class Builder {
    private String profile;
    private String region;
    private URI endpoint;
    private Duration window = DEFAULT_WINDOW;
    private Duration refresh = DEFAULT_REFRESH;
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

    public Builder endpoint(URI value) {
      this.endpoint = value;
      return this;
    }

    public Builder window(Duration value) {
      this.window = value;
      return this;
    }

    public Builder refresh(Duration value) {
      this.refresh = value;
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

    public XRaySettings build() {
      return new XRaySettings(
          Optional.ofNullable(profile),
          Optional.ofNullable(region),
          Optional.ofNullable(endpoint),
          window,
          refresh,
          environment == null ? AwsEnvironment.system() : environment,
          clock,
          Optional.ofNullable(httpClient));
    }
  }
}
