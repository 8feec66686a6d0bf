package dev.sidescope.collectors.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/** Credentials, region and endpoints found as the AWS CLI finds them, in a temporary home. */
class AwsConnectionTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void noInstanceMetadata() {
    // Tests run on laptops and CI machines, not EC2: never probe the metadata service.
    env.put("AWS_EC2_METADATA_DISABLED", "true");
  }

  private AwsResolution resolve(AwsConnection.Request request) {
    return AwsConnection.resolve(request, AwsEnvironment.of(env, home), CLOCK);
  }

  private AwsResolution resolve() {
    return resolve(AwsConnection.Request.defaults());
  }

  private static AwsConnection found(AwsResolution resolution) {
    assertThat(resolution.whyMissing()).isEmpty();
    return resolution.found().orElseThrow();
  }

  private void write(String relative, String text) throws IOException {
    Path file = home.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void environmentKeysAndRegionAreEnough() {
    env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    env.put("AWS_SECRET_ACCESS_KEY", "secret");
    env.put("AWS_REGION", "eu-west-1");

    try (AwsConnection c = found(resolve())) {
      assertThat(c.region()).isEqualTo("eu-west-1");
      assertThat(c.credentialsDescription()).isEqualTo("environment variables (AWS_ACCESS_KEY_ID)");
      assertThat(c.credentials().resolveCredentials().accessKeyId()).isEqualTo("AKIDEXAMPLE");
    }
  }

  @Test
  void nothingAtAllIsMissingWithOneSentence() {
    env.put("AWS_REGION", "us-east-1");

    assertThat(resolve().whyMissing())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .startsWith("No AWS credentials were found:")
                    .endsWith("and no container or instance credentials.")
                    .doesNotContain("\n"));
  }

  @Test
  void credentialsWithoutARegionAreMissingARegion() {
    env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    env.put("AWS_SECRET_ACCESS_KEY", "secret");

    assertThat(resolve().whyMissing())
        .contains(
            "No AWS region is set: pass --region, set AWS_REGION, or set region in profile default"
                + " of "
                + home.resolve(".aws/config")
                + ".");
  }

  @Test
  void profileFromTheFilesGivesKeysAndRegion() throws IOException {
    write(".aws/config", "[profile dev]\nregion = ap-southeast-2\n");
    write(".aws/credentials", "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s\n");

    try (AwsConnection c = found(resolve(AwsConnection.Request.defaults().withProfile("dev")))) {
      assertThat(c.region()).isEqualTo("ap-southeast-2");
      assertThat(c.profile()).isEqualTo("dev");
      assertThat(c.credentialsDescription()).isEqualTo("profile dev (access keys)");
      assertThat(c.credentials().resolveCredentials().accessKeyId()).isEqualTo("AKIDDEV");
    }
  }

  @Test
  void askedForProfileWinsOverEnvironmentKeys() throws IOException {
    write(".aws/credentials", "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s\n");
    env.put("AWS_ACCESS_KEY_ID", "AKIDENV");
    env.put("AWS_SECRET_ACCESS_KEY", "secret");
    env.put("AWS_REGION", "us-east-1");

    try (AwsConnection c = found(resolve(AwsConnection.Request.defaults().withProfile("dev")))) {
      assertThat(c.credentials().resolveCredentials().accessKeyId()).isEqualTo("AKIDDEV");
    }
  }

  @Test
  void environmentKeysWinOverAwsProfileAsInTheCli() throws IOException {
    write(".aws/config", "[profile dev]\nregion = eu-central-1\n");
    write(".aws/credentials", "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s\n");
    env.put("AWS_PROFILE", "dev");
    env.put("AWS_ACCESS_KEY_ID", "AKIDENV");
    env.put("AWS_SECRET_ACCESS_KEY", "secret");

    try (AwsConnection c = found(resolve())) {
      // The keys come from the environment; the region still from AWS_PROFILE's profile.
      assertThat(c.credentials().resolveCredentials().accessKeyId()).isEqualTo("AKIDENV");
      assertThat(c.region()).isEqualTo("eu-central-1");
    }
  }

  @Test
  void explicitRegionWinsOverEnvironmentAndProfile() throws IOException {
    write(".aws/config", "[default]\nregion = eu-central-1\n");
    write(".aws/credentials", "[default]\naws_access_key_id = A\naws_secret_access_key = s\n");
    env.put("AWS_REGION", "us-west-2");

    try (AwsConnection c =
        found(resolve(AwsConnection.Request.defaults().withRegion("sa-east-1")))) {
      assertThat(c.region()).isEqualTo("sa-east-1");
      assertThat(c.credentialsDescription()).isEqualTo("profile default (access keys)");
    }
  }

  @Test
  void namedProfileThatDoesNotExistIsMissing() {
    env.put("AWS_PROFILE", "nope");

    assertThat(resolve().whyMissing())
        .contains(
            "AWS profile nope is in neither "
                + home.resolve(".aws/config")
                + " or "
                + home.resolve(".aws/credentials")
                + ".");
  }

  @Test
  void profileWithoutCredentialsSaysWhatItLacks() throws IOException {
    write(".aws/config", "[profile bare]\nregion = us-east-1\n");

    assertThat(resolve(AwsConnection.Request.defaults().withProfile("bare")).whyMissing())
        .contains(
            "AWS profile bare has no credentials: no access keys, IAM Identity Center"
                + " (sso_session), role_arn or credential_process.");
  }

  @Test
  void unreadableConfigFileIsNamed() throws IOException {
    write(".aws/config", "[default\nregion = us-east-1\n");

    assertThat(resolve().whyMissing())
        .hasValueSatisfying(
            r -> assertThat(r).startsWith(home.resolve(".aws/config") + " cannot be read: "));
  }

  @Test
  void configFileLocationComesFromTheEnvironmentWithTildeExpanded() throws IOException {
    write("elsewhere/aws.ini", "[default]\nregion = eu-north-1\n");
    write(".aws/credentials", "[default]\naws_access_key_id = A\naws_secret_access_key = s\n");
    env.put("AWS_CONFIG_FILE", "~/elsewhere/aws.ini");

    try (AwsConnection c = found(resolve())) {
      assertThat(c.region()).isEqualTo("eu-north-1");
    }
  }

  @Test
  void roleProfileAssumesItsRoleWithTheSourceProfilesKeys() throws IOException {
    write(
        ".aws/config",
        """
        [profile ops]
        role_arn = arn:aws:iam::123456789012:role/ReadOnly
        source_profile = base
        region = us-east-1
        """);
    write(".aws/credentials", "[base]\naws_access_key_id = A\naws_secret_access_key = s\n");

    try (AwsConnection c = found(resolve(AwsConnection.Request.defaults().withProfile("ops")))) {
      assertThat(c.credentialsDescription())
          .isEqualTo("profile ops (role arn:aws:iam::123456789012:role/ReadOnly via profile base)");
    }
  }

  @Test
  void roleWithoutSourceIsMissing() throws IOException {
    write(
        ".aws/config",
        "[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/R\nregion = us-east-1\n");

    assertThat(resolve(AwsConnection.Request.defaults().withProfile("ops")).whyMissing())
        .contains(
            "AWS profile ops sets role_arn but neither source_profile nor credential_source, so"
                + " there is nothing to assume the role with.");
  }

  @Test
  void roleThatNeedsAnMfaCodeIsMissing() throws IOException {
    write(
        ".aws/config",
        """
        [profile ops]
        role_arn = arn:aws:iam::123456789012:role/R
        source_profile = base
        mfa_serial = arn:aws:iam::123456789012:mfa/me
        region = us-east-1
        """);
    write(".aws/credentials", "[base]\naws_access_key_id = A\naws_secret_access_key = s\n");

    assertThat(resolve(AwsConnection.Request.defaults().withProfile("ops")).whyMissing())
        .hasValueSatisfying(r -> assertThat(r).contains("MFA code (mfa_serial)"));
  }

  private void ssoSessionProfile() throws IOException {
    write(
        ".aws/config",
        """
        [profile dev]
        sso_session = corp
        sso_account_id = 123456789012
        sso_role_name = ReadOnly
        region = us-east-1

        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = us-east-1
        sso_registration_scopes = sso:account:access
        """);
  }

  private void cachedToken(String key, String expiresAt) throws IOException {
    write(
        ".aws/sso/cache/" + SsoCredentials.sha1(key) + ".json",
        """
        {"startUrl": "https://corp.awsapps.com/start", "region": "us-east-1",
         "accessToken": "cached-token", "expiresAt": "%s"}
        """
            .formatted(expiresAt));
  }

  @Test
  void expiredSsoSessionCarriesTheSdksAdviceForThisProfile() throws IOException {
    ssoSessionProfile();
    cachedToken("corp", "2026-11-26T09:00:00Z");

    try (AwsConnection c = found(resolve(AwsConnection.Request.defaults().withProfile("dev")))) {
      assertThat(c.credentialsDescription()).isEqualTo("profile dev (IAM Identity Center)");
      assertThatThrownBy(() -> c.credentials().resolveCredentials())
          .isInstanceOf(SsoLoginRequiredException.class)
          .hasMessage(
              "The SSO session associated with this profile has expired or is otherwise invalid."
                  + " To refresh this SSO session run aws sso login --profile dev.");
    }
  }

  @Test
  void ssoProfileWithoutAnyLoginAsksForOne() throws IOException {
    ssoSessionProfile();

    try (AwsConnection c = found(resolve(AwsConnection.Request.defaults().withProfile("dev")))) {
      assertThatThrownBy(() -> c.credentials().resolveCredentials())
          .isInstanceOf(SsoLoginRequiredException.class)
          .hasMessageEndingWith("run aws sso login --profile dev.");
    }
  }

  @Test
  void freshSsoTokenIsExchangedForRoleCredentials() throws IOException {
    ssoSessionProfile();
    cachedToken("corp", "2026-11-26T18:00:00Z");
    CannedHttpClient portal =
        new CannedHttpClient(
            call ->
                CannedHttpClient.Answer.ok(
                    """
                    {"roleCredentials": {"accessKeyId": "ASIAROLE", "secretAccessKey": "s",
                     "sessionToken": "t", "expiration": 1795000000000}}
                    """));

    try (AwsConnection c =
        found(
            resolve(AwsConnection.Request.defaults().withProfile("dev").withHttpClient(portal)))) {
      AwsCredentials credentials = c.credentials().resolveCredentials();

      assertThat(credentials.accessKeyId()).isEqualTo("ASIAROLE");
      assertThat(portal.calls())
          .singleElement()
          .satisfies(
              call -> {
                assertThat(call.request().encodedPath()).isEqualTo("/federation/credentials");
                assertThat(call.request().firstMatchingHeader("x-amz-sso_bearer_token"))
                    .contains("cached-token");
                assertThat(call.request().host()).isEqualTo("portal.sso.us-east-1.amazonaws.com");
              });
    }
  }

  @Test
  void expiredSsoSessionTokenIsRefreshedInMemoryLikeTheCli() throws IOException {
    ssoSessionProfile();
    write(
        ".aws/sso/cache/" + SsoCredentials.sha1("corp") + ".json",
        """
        {"startUrl": "https://corp.awsapps.com/start", "region": "us-east-1",
         "accessToken": "old", "expiresAt": "2026-11-26T09:00:00Z",
         "refreshToken": "refresh-me", "clientId": "cid", "clientSecret": "csecret",
         "registrationExpiresAt": "2027-01-01T00:00:00Z"}
        """);
    String before =
        Files.readString(home.resolve(".aws/sso/cache/" + SsoCredentials.sha1("corp") + ".json"));
    CannedHttpClient sso =
        new CannedHttpClient(
            call ->
                call.request().encodedPath().equals("/token")
                    ? CannedHttpClient.Answer.ok(
                        "{\"accessToken\": \"new-token\", \"expiresIn\": 3600,"
                            + " \"tokenType\": \"Bearer\"}")
                    : CannedHttpClient.Answer.ok(
                        "{\"roleCredentials\": {\"accessKeyId\": \"ASIANEW\","
                            + " \"secretAccessKey\": \"s\", \"sessionToken\": \"t\","
                            + " \"expiration\": 1795000000000}}"));

    try (AwsConnection c =
        found(resolve(AwsConnection.Request.defaults().withProfile("dev").withHttpClient(sso)))) {
      assertThat(c.credentials().resolveCredentials().accessKeyId()).isEqualTo("ASIANEW");
      assertThat(sso.calls().get(1).request().firstMatchingHeader("x-amz-sso_bearer_token"))
          .contains("new-token");
    }
    assertThat(
            Files.readString(
                home.resolve(".aws/sso/cache/" + SsoCredentials.sha1("corp") + ".json")))
        .as("Sidescope never writes to ~/.aws")
        .isEqualTo(before);
  }

  @Test
  void legacySsoProfileIsKeyedByItsStartUrl() throws IOException {
    write(
        ".aws/config",
        """
        [profile old]
        sso_start_url = https://legacy.awsapps.com/start
        sso_region = eu-west-1
        sso_account_id = 123456789012
        sso_role_name = ReadOnly
        region = eu-west-1
        """);
    cachedToken("https://legacy.awsapps.com/start", "2026-11-26T09:59:00Z");

    try (AwsConnection c = found(resolve(AwsConnection.Request.defaults().withProfile("old")))) {
      // Within a minute of expiry counts as expired: the call would fail half-way.
      assertThatThrownBy(() -> c.credentials().resolveCredentials())
          .hasMessageEndingWith("run aws sso login --profile old.");
    }
  }

  @Test
  void ssoProfileMissingItsRoleSaysSo() throws IOException {
    write(
        ".aws/config",
        """
        [profile dev]
        sso_session = corp
        sso_account_id = 123456789012
        region = us-east-1
        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = us-east-1
        """);

    assertThat(resolve(AwsConnection.Request.defaults().withProfile("dev")).whyMissing())
        .contains("AWS profile dev is missing sso_role_name, which IAM Identity Center needs.");
  }

  @Test
  void serviceEndpointComesFromTheMostSpecificSetting() throws IOException {
    write(
        ".aws/config",
        """
        [default]
        region = us-east-1
        endpoint_url = http://profile-wide:1
        services = local
        [services local]
        xray =
          endpoint_url = http://xray-local:2
        """);
    env.put("AWS_ACCESS_KEY_ID", "A");
    env.put("AWS_SECRET_ACCESS_KEY", "s");
    env.put("AWS_ENDPOINT_URL_ECS", "http://127.0.0.1:4566");

    try (AwsConnection c = found(resolve())) {
      assertThat(c.configuredEndpoint(AwsService.ECS))
          .contains(URI.create("http://127.0.0.1:4566"));
      assertThat(c.configuredEndpoint(AwsService.XRAY)).contains(URI.create("http://xray-local:2"));
      assertThat(c.configuredEndpoint(AwsService.CLOUDWATCH_LOGS))
          .contains(URI.create("http://profile-wide:1"));
    }
    env.put("AWS_ENDPOINT_URL", "http://everything:3");
    try (AwsConnection c = found(resolve())) {
      assertThat(c.configuredEndpoint(AwsService.XRAY)).contains(URI.create("http://everything:3"));
    }
    env.put("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
    try (AwsConnection c = found(resolve())) {
      assertThat(c.configuredEndpoint(AwsService.ECS)).isEqualTo(Optional.empty());
    }
  }

  @Test
  void environmentNeverPrintsItsVariables() {
    env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    assertThat(AwsEnvironment.of(env, home).toString()).doesNotContain("wJalr");
  }
}
