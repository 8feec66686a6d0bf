package dev.sidescope.collectors.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Credentials, region and endpoints for AWS, found exactly where the AWS CLI finds them, and the
 * settings every SDK client of Sidescope is built with.
 *
 * <p>How {@link #resolve} decides, in the CLI's order:
 *
 * <ol>
 *   <li>The profile: the one asked for ({@code --aws-profile}), else {@code AWS_PROFILE}, else
 *       {@code default}. A profile that is named but exists in neither file is an error, as for the
 *       CLI.
 *   <li>The region: the one asked for ({@code --region}), else {@code AWS_REGION}, else {@code
 *       AWS_DEFAULT_REGION}, else the profile's {@code region}.
 *   <li>Credentials: the named profile when one was asked for; else {@code AWS_ACCESS_KEY_ID} /
 *       {@code AWS_SECRET_ACCESS_KEY} (/ {@code AWS_SESSION_TOKEN}); else the {@code AWS_PROFILE}
 *       profile; else {@code AWS_WEB_IDENTITY_TOKEN_FILE} with {@code AWS_ROLE_ARN}; else the
 *       {@code default} profile; else container credentials; else the instance profile (IMDS,
 *       unless {@code AWS_EC2_METADATA_DISABLED=true}). A profile may hold keys, IAM Identity
 *       Center (SSO) settings ({@code sso_session} or legacy {@code sso_start_url}), a role to
 *       assume ({@code role_arn} with {@code source_profile} or {@code credential_source}), a web
 *       identity token file, or a {@code credential_process}.
 *   <li>Endpoints, per service: {@code AWS_ENDPOINT_URL_<SERVICE>}, else {@code AWS_ENDPOINT_URL},
 *       else the profile's {@code services} section, else its {@code endpoint_url} — unless {@code
 *       AWS_IGNORE_CONFIGURED_ENDPOINT_URLS} (or the profile's {@code
 *       ignore_configured_endpoint_urls}) is true. A source's explicit override ({@code
 *       --endpoint-url}) comes before all of them, for that source's service only.
 * </ol>
 *
 * <p>Only the instance-profile step touches the network while resolving (one metadata probe, when
 * nothing else is configured); everything else is read from the environment and the files. A
 * configured credential that fails later (an expired SSO session, a key AWS rejects) fails the
 * source's calls, which then say why in the source's status.
 *
 * <p>Every client is built with the url-connection HTTP client, the SDK's standard retry mode, and
 * the profile files of this connection's environment, so that the SDK itself never reads another
 * {@code ~/.aws}.
 *
 * <p>Thread-safe: immutable after {@link #resolve}; the SDK clients and providers it hands out are
 * thread-safe. {@link #close} releases the clients behind the credentials (SSO, STS).
 */
public final class AwsConnection implements AutoCloseable {
  /** Connection and socket timeouts of Sidescope's AWS calls. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

  /**
   * What the user asked for; empty fields fall back to the environment and the profile files.
   *
   * @param profile {@code --aws-profile}
   * @param region {@code --region}
   * @param httpClient the transport for every client, instead of a url-connection client; tests
   *     hand in one that answers from files. The caller keeps owning it.
   */
  public record Request(
      Optional<String> profile, Optional<String> region, Optional<SdkHttpClient> httpClient) {
    public Request {
      profile = profile == null ? Optional.empty() : profile.filter(p -> !p.isBlank());
      region = region == null ? Optional.empty() : region.filter(r -> !r.isBlank());
      httpClient = httpClient == null ? Optional.empty() : httpClient;
    }

    /** Nothing asked for: everything from the environment. */
    public static Request defaults() {
      return new Request(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Request withProfile(String value) {
      return new Request(Optional.ofNullable(value), region, httpClient);
    }

    public Request withRegion(String value) {
      return new Request(profile, Optional.ofNullable(value), httpClient);
    }

    public Request withHttpClient(SdkHttpClient value) {
      return new Request(profile, region, Optional.of(value));
    }
  }

  private final ClientSettings clientSettings;
  private final AwsCredentialChain.Choice credentials;
  private final List<SdkAutoCloseable> resources;

  private AwsConnection(
      ClientSettings clientSettings,
      AwsCredentialChain.Choice credentials,
      List<SdkAutoCloseable> resources) {
    this.clientSettings = clientSettings;
    this.credentials = credentials;
    this.resources = List.copyOf(resources);
  }

  /**
   * Finds credentials, region and endpoints as the AWS CLI does (see the class comment).
   *
   * @return the connection, or one sentence saying why there is none
   */
  public static AwsResolution resolve(Request request, AwsEnvironment environment) {
    return resolve(request, environment, Clock.systemUTC());
  }

  /** As {@link #resolve(Request, AwsEnvironment)}, with the clock that judges token expiry. */
  public static AwsResolution resolve(Request request, AwsEnvironment environment, Clock clock) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(environment, "environment");
    AwsProfiles profiles;
    try {
      profiles = AwsProfiles.read(environment);
    } catch (AwsProfiles.UnreadableProfilesException e) {
      return new AwsResolution.Missing(e.getMessage() + ".");
    }

    Optional<String> namedProfile =
        request
            .profile()
            .or(() -> environment.get("AWS_PROFILE"))
            .or(() -> environment.get("AWS_DEFAULT_PROFILE"));
    if (namedProfile.isPresent() && profiles.profile(namedProfile.get()).isEmpty()) {
      return new AwsResolution.Missing(
          "AWS profile " + namedProfile.get() + " is in neither " + profiles.where() + ".");
    }
    String settingsProfile = namedProfile.orElse(AwsProfiles.DEFAULT);
    Optional<Profile> profile = profiles.profile(settingsProfile);

    Optional<String> region =
        request
            .region()
            .or(() -> environment.get("AWS_REGION"))
            .or(() -> environment.get("AWS_DEFAULT_REGION"))
            .or(() -> profile.flatMap(p -> p.property("region")).filter(r -> !r.isBlank()));
    if (region.isEmpty()) {
      return new AwsResolution.Missing(
          "No AWS region is set: pass --region, set AWS_REGION, or set region in profile "
              + settingsProfile
              + " of "
              + environment.configFile()
              + ".");
    }

    List<SdkAutoCloseable> resources = new ArrayList<>();
    SdkHttpClient http =
        request
            .httpClient()
            .orElseGet(
                () -> {
                  SdkHttpClient own =
                      UrlConnectionHttpClient.builder()
                          .connectionTimeout(CONNECT_TIMEOUT)
                          .socketTimeout(SOCKET_TIMEOUT)
                          .build();
                  resources.add(own);
                  return own;
                });
    ClientSettings settings =
        new ClientSettings(
            environment, profiles, settingsProfile, region.get().toLowerCase(Locale.ROOT), http);
    try {
      AwsCredentialChain.Choice choice =
          new AwsCredentialChain(settings, clock).resolve(request.profile(), namedProfile);
      resources.addAll(choice.resources());
      return new AwsResolution.Found(new AwsConnection(settings, choice, resources));
    } catch (AwsCredentialChain.NoCredentialsException e) {
      resources.forEach(SdkAutoCloseable::close);
      return new AwsResolution.Missing(e.getMessage());
    }
  }

  /** The region, e.g. {@code us-east-1}. */
  public String region() {
    return clientSettings.region();
  }

  /** The profile whose settings apply ({@code default} when none was named). */
  public String profile() {
    return clientSettings.profile();
  }

  /** Where the credentials come from, e.g. "profile dev (IAM Identity Center)"; never a secret. */
  public String credentialsDescription() {
    return credentials.description();
  }

  /** The credentials, for clients built elsewhere. */
  public AwsCredentialsProvider credentials() {
    return credentials.provider();
  }

  /** The endpoint configured for a service in the environment or the profile, if any. */
  public Optional<URI> configuredEndpoint(AwsService service) {
    return clientSettings.configuredEndpoint(service);
  }

  /**
   * Configures an SDK client builder: region, credentials, transport, standard retries, this
   * connection's profile files, and the endpoint ({@code override}, else the configured one).
   */
  public <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder, AwsService service, Optional<URI> override) {
    return clientSettings
        .configure(builder, service, override)
        .credentialsProvider(credentials.provider());
  }

  @Override
  public void close() {
    for (SdkAutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (RuntimeException e) {
        // Closing is best effort: one client failing to close must not keep the others open.
      }
    }
  }

  /**
   * The settings of every client but credentials: environment, profile files, profile, region,
   * transport. Also used by the credential providers for their own SSO and STS clients.
   */
  public static final class ClientSettings {
    private final AwsEnvironment environment;
    private final AwsProfiles profiles;
    private final String profile;
    private final String region;
    private final SdkHttpClient http;

    ClientSettings(
        AwsEnvironment environment,
        AwsProfiles profiles,
        String profile,
        String region,
        SdkHttpClient http) {
      this.environment = environment;
      this.profiles = profiles;
      this.profile = profile;
      this.region = region;
      this.http = http;
    }

    AwsEnvironment environment() {
      return environment;
    }

    AwsProfiles profiles() {
      return profiles;
    }

    String profile() {
      return profile;
    }

    String region() {
      return region;
    }

    /** Region, transport, retries, profile files and endpoint; not credentials. */
    public <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
        B builder, AwsService service, Optional<URI> override) {
      builder
          .region(Region.of(region))
          .httpClient(http)
          .overrideConfiguration(
              o ->
                  o.retryStrategy(AwsRetryStrategy.standardRetryStrategy())
                      .defaultProfileFile(profiles.file())
                      .defaultProfileName(profile));
      override.or(() -> configuredEndpoint(service)).ifPresent(builder::endpointOverride);
      return builder;
    }

    /** The endpoint the environment or the profile configures for this service. */
    Optional<URI> configuredEndpoint(AwsService service) {
      Optional<Profile> settings = profiles.profile(profile);
      if (environment.isTrue("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
          || settings
              .flatMap(p -> p.booleanProperty("ignore_configured_endpoint_urls"))
              .orElse(false)) {
        return Optional.empty();
      }
      Optional<String> url =
          environment
              .get("AWS_ENDPOINT_URL_" + service.envSuffix())
              .or(() -> environment.get("AWS_ENDPOINT_URL"))
              .or(
                  () ->
                      settings
                          .flatMap(p -> p.property("services"))
                          .flatMap(name -> profiles.section("services", name))
                          .flatMap(s -> s.property(service.configKey() + ".endpoint_url")))
              .or(() -> settings.flatMap(p -> p.property("endpoint_url")))
              .map(String::strip)
              .filter(u -> !u.isEmpty());
      return url.flatMap(AwsConnection::httpUri);
    }
  }

  /** An absolute http(s) URI, or empty. */
  public static Optional<URI> httpUri(String text) {
    try {
      URI uri = new URI(text.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
          ? Optional.of(uri)
          : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
