package dev.sidescope.collectors.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.auth.ExpiredTokenException;
import software.amazon.awssdk.services.sso.auth.SsoCredentialsProvider;
import software.amazon.awssdk.services.sso.model.GetRoleCredentialsRequest;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Credentials of an IAM Identity Center (SSO) profile, read as the AWS CLI reads them: the access
 * token that {@code aws sso login} cached in {@code ~/.aws/sso/cache/<sha1>.json} (keyed by the
 * {@code sso-session} name, or by the start URL for a legacy profile), exchanged for role
 * credentials with the SSO portal's {@code GetRoleCredentials}.
 *
 * <p>An expired token of an {@code sso-session} profile is refreshed with its refresh token, as the
 * CLI does, but the refreshed token is kept in memory only: Sidescope never writes to {@code
 * ~/.aws}. When there is no usable token, resolving fails with {@link SsoLoginRequiredException},
 * carrying the SDK's own advice for this profile.
 *
 * <p>Why not the SDK's own SSO profile support: it finds the token cache through the process's
 * {@code HOME} only, so it could not be pointed at another home, and for {@code sso-session}
 * profiles it says "Unable to load SSO token" instead of what to do.
 *
 * <p>Thread-safe: the SDK's provider serialises refreshes, and the token is read under this
 * object's lock.
 */
final class SsoCredentials implements AwsCredentialsProvider, SdkAutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A token this close to expiry is refreshed (or reported expired) rather than used. */
  private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);

  /** What a profile says about its SSO login. */
  record Settings(
      String profile,
      Optional<String> session,
      String startUrl,
      String ssoRegion,
      String accountId,
      String roleName) {}

  private final Settings settings;
  private final Path cacheFile;
  private final Clock clock;
  private final SsoClient sso;
  private final SsoOidcClient oidc;
  private final SsoCredentialsProvider provider;
  private CachedToken refreshed;

  private record CachedToken(String accessToken, Instant expiresAt) {}

  SsoCredentials(
      Settings settings, Path cacheDirectory, Clock clock, SsoClient sso, SsoOidcClient oidc) {
    this.settings = settings;
    this.cacheFile =
        cacheDirectory.resolve(sha1(settings.session().orElse(settings.startUrl())) + ".json");
    this.clock = clock;
    this.sso = sso;
    this.oidc = oidc;
    SsoCredentialsProvider.Builder builder = SsoCredentialsProvider.builder();
    this.provider =
        builder
            .ssoClient(sso)
            .refreshRequest(
                () ->
                    GetRoleCredentialsRequest.builder()
                        .accountId(settings.accountId())
                        .roleName(settings.roleName())
                        .accessToken(accessToken())
                        .build())
            .build();
  }

  /** The SSO portal's client: anonymous, in the profile's {@code sso_region}. */
  static SsoClient anonymousClient(Settings settings, AwsConnection.ClientSettings clientSettings) {
    return clientSettings
        .configure(SsoClient.builder(), AwsService.SSO, Optional.empty())
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .region(software.amazon.awssdk.regions.Region.of(settings.ssoRegion()))
        .build();
  }

  /** The SSO OIDC client that refreshes tokens: anonymous, in the profile's {@code sso_region}. */
  static SsoOidcClient oidcClient(Settings settings, AwsConnection.ClientSettings clientSettings) {
    return clientSettings
        .configure(SsoOidcClient.builder(), AwsService.SSO_OIDC, Optional.empty())
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .region(software.amazon.awssdk.regions.Region.of(settings.ssoRegion()))
        .build();
  }

  @Override
  public AwsCredentials resolveCredentials() {
    try {
      return provider.resolveCredentials();
    } catch (RuntimeException e) {
      ExpiredTokenException expired = find(e, ExpiredTokenException.class);
      if (expired != null) {
        throw new SsoLoginRequiredException(settings.profile(), expired);
      }
      throw e;
    }
  }

  /** The cached access token, refreshed if it can be; else the SDK's "run aws sso login". */
  synchronized String accessToken() {
    Instant now = clock.instant();
    if (refreshed != null && now.plus(EXPIRY_MARGIN).isBefore(refreshed.expiresAt())) {
      return refreshed.accessToken();
    }
    JsonNode token = readCache().orElseThrow(SsoCredentials::expired);
    Optional<Instant> expiresAt = instant(token.path("expiresAt").asText(null));
    String accessToken = token.path("accessToken").asText("");
    if (!accessToken.isEmpty()
        && expiresAt.isPresent()
        && now.plus(EXPIRY_MARGIN).isBefore(expiresAt.get())) {
      return accessToken;
    }
    refreshed = refresh(token, now).orElseThrow(SsoCredentials::expired);
    return refreshed.accessToken();
  }

  private Optional<JsonNode> readCache() {
    try {
      JsonNode token = JSON.readTree(Files.readString(cacheFile, StandardCharsets.UTF_8));
      return token != null && token.isObject() ? Optional.of(token) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      // Missing, unreadable or not JSON: as for the CLI, the user has to log in (again).
      return Optional.empty();
    }
  }

  /** A new access token from the cached refresh token; only {@code sso-session} tokens have one. */
  private Optional<CachedToken> refresh(JsonNode token, Instant now) {
    String refreshToken = token.path("refreshToken").asText("");
    String clientId = token.path("clientId").asText("");
    String clientSecret = token.path("clientSecret").asText("");
    Optional<Instant> registrationExpiresAt =
        instant(token.path("registrationExpiresAt").asText(null));
    if (settings.session().isEmpty()
        || refreshToken.isEmpty()
        || clientId.isEmpty()
        || clientSecret.isEmpty()
        || registrationExpiresAt.filter(now::isBefore).isEmpty()) {
      return Optional.empty();
    }
    try {
      CreateTokenResponse response =
          oidc.createToken(
              r ->
                  r.grantType("refresh_token")
                      .clientId(clientId)
                      .clientSecret(clientSecret)
                      .refreshToken(refreshToken));
      if (response.accessToken() == null || response.expiresIn() == null) {
        return Optional.empty();
      }
      return Optional.of(
          new CachedToken(response.accessToken(), now.plusSeconds(response.expiresIn())));
    } catch (SdkException e) {
      return Optional.empty();
    }
  }

  private static ExpiredTokenException expired() {
    return ExpiredTokenException.builder().build();
  }

  private static Optional<Instant> instant(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text.strip().replace("UTC", "Z")));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static String sha1(String key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
    }
  }

  static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  @Override
  public void close() {
    provider.close();
    sso.close();
    oidc.close();
  }
}
