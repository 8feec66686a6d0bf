package dev.sidescope.collectors.aws;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProcessCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The AWS CLI's credential chain over one {@link AwsEnvironment} (order in {@link AwsConnection}).
 * Builds providers; the only network call it makes is the instance-metadata probe at the end.
 *
 * <p>Not thread-safe; used once per resolution.
 */
final class AwsCredentialChain {
  private static final String SESSION_NAME = "sidescope";

  /** The provider found, how to say where it comes from, and the clients it needs closed. */
  record Choice(
      AwsCredentialsProvider provider, String description, List<SdkAutoCloseable> resources) {}

  /** No credentials: the message is one sentence for a person. */
  static final class NoCredentialsException extends Exception {
    private static final long serialVersionUID = 1L;

    NoCredentialsException(String message) {
      super(message);
    }
  }

  private final AwsConnection.ClientSettings settings;
  private final AwsEnvironment env;
  private final AwsProfiles profiles;
  private final Clock clock;
  private final List<SdkAutoCloseable> resources = new ArrayList<>();

  AwsCredentialChain(AwsConnection.ClientSettings settings, Clock clock) {
    this.settings = settings;
    this.env = settings.environment();
    this.profiles = settings.profiles();
    this.clock = clock;
  }

  /**
   * @param askedProfile the profile named on the command line
   * @param namedProfile that, else {@code AWS_PROFILE}; it exists (checked by the caller)
   */
  Choice resolve(Optional<String> askedProfile, Optional<String> namedProfile)
      throws NoCredentialsException {
    try {
      return choose(askedProfile, namedProfile);
    } catch (NoCredentialsException | RuntimeException e) {
      resources.forEach(SdkAutoCloseable::close);
      throw e;
    }
  }

  private Choice choose(Optional<String> askedProfile, Optional<String> namedProfile)
      throws NoCredentialsException {
    if (askedProfile.isPresent()) {
      return profileChoice(askedProfile.get());
    }
    Optional<AwsCredentialsProvider> fromEnv = environmentKeys();
    if (fromEnv.isPresent()) {
      return choice(fromEnv.get(), "environment variables (AWS_ACCESS_KEY_ID)");
    }
    if (namedProfile.isPresent()) {
      return profileChoice(namedProfile.get());
    }
    Optional<String> tokenFile = env.get("AWS_WEB_IDENTITY_TOKEN_FILE");
    Optional<String> roleArn = env.get("AWS_ROLE_ARN");
    if (tokenFile.isPresent() && roleArn.isPresent()) {
      return choice(
          webIdentity(
              roleArn.get(),
              env.expand(tokenFile.get()),
              env.get("AWS_ROLE_SESSION_NAME").orElse(SESSION_NAME)),
          "web identity token (AWS_WEB_IDENTITY_TOKEN_FILE)");
    }
    Optional<Profile> fallback = profiles.profile(AwsProfiles.DEFAULT);
    if (fallback.isPresent() && hasCredentials(fallback.get())) {
      return profileChoice(AwsProfiles.DEFAULT);
    }
    if (containerCredentialsConfigured()) {
      return choice(ContainerCredentialsProvider.builder().build(), "container credentials");
    }
    if (!env.isTrue("AWS_EC2_METADATA_DISABLED")) {
      Optional<AwsCredentialsProvider> imds = instanceProfile(true);
      if (imds.isPresent()) {
        return choice(imds.get(), "instance profile (EC2 instance metadata)");
      }
    }
    throw new NoCredentialsException(
        "No AWS credentials were found: no --aws-profile, no AWS_ACCESS_KEY_ID or AWS_PROFILE in"
            + " the environment, no default profile with credentials in "
            + profiles.where()
            + ", and no container or instance credentials.");
  }

  private Choice choice(AwsCredentialsProvider provider, String description) {
    return new Choice(provider, description, List.copyOf(resources));
  }

  private Choice profileChoice(String name) throws NoCredentialsException {
    Described described = fromProfile(name, new LinkedHashSet<>());
    return choice(described.provider(), "profile " + name + " (" + described.how() + ")");
  }

  private record Described(AwsCredentialsProvider provider, String how) {}

  /** The credentials a profile stands for, following {@code source_profile} links. */
  private Described fromProfile(String name, Set<String> visited) throws NoCredentialsException {
    Profile profile =
        profiles
            .profile(name)
            .orElseThrow(
                () ->
                    new NoCredentialsException(
                        "AWS profile " + name + " is in neither " + profiles.where() + "."));
    boolean first = visited.add(name);
    Optional<String> roleArn = profile.property("role_arn");
    // A profile whose source_profile is itself uses its own keys as the source (the CLI allows it).
    if (roleArn.isPresent() && first) {
      return assumeRole(profile, roleArn.get(), visited);
    }
    if (profile.property("sso_session").isPresent()
        || profile.property("sso_start_url").isPresent()
        || profile.property("sso_account_id").isPresent()) {
      return new Described(sso(profile), "IAM Identity Center");
    }
    Optional<String> key = profile.property("aws_access_key_id");
    Optional<String> secret = profile.property("aws_secret_access_key");
    if (key.isPresent() && secret.isPresent()) {
      Optional<String> token = profile.property("aws_session_token");
      return new Described(
          StaticCredentialsProvider.create(
              token.isPresent()
                  ? AwsSessionCredentials.create(key.get(), secret.get(), token.get())
                  : AwsBasicCredentials.create(key.get(), secret.get())),
          "access keys");
    }
    Optional<String> process = profile.property("credential_process");
    if (process.isPresent()) {
      ProcessCredentialsProvider provider =
          ProcessCredentialsProvider.builder().command(process.get()).build();
      resources.add(provider);
      return new Described(provider, "credential_process");
    }
    throw new NoCredentialsException(
        "AWS profile "
            + name
            + " has no credentials: no access keys, IAM Identity Center (sso_session), role_arn"
            + " or credential_process.");
  }

  private Described assumeRole(Profile profile, String roleArn, Set<String> visited)
      throws NoCredentialsException {
    String name = profile.name();
    if (profile.property("mfa_serial").isPresent()) {
      throw new NoCredentialsException(
          "AWS profile "
              + name
              + " asks for an MFA code (mfa_serial), which Sidescope cannot prompt for; use a"
              + " profile with IAM Identity Center or temporary keys instead.");
    }
    String sessionName = profile.property("role_session_name").orElse(SESSION_NAME);
    Optional<String> tokenFile = profile.property("web_identity_token_file");
    if (tokenFile.isPresent()) {
      return new Described(
          webIdentity(roleArn, env.expand(tokenFile.get()), sessionName),
          "web identity, role " + roleArn);
    }
    AwsCredentialsProvider source;
    String via;
    Optional<String> sourceProfile = profile.property("source_profile");
    Optional<String> credentialSource = profile.property("credential_source");
    if (sourceProfile.isPresent()) {
      if (visited.contains(sourceProfile.get()) && !sourceProfile.get().equals(name)) {
        throw new NoCredentialsException(
            "AWS profile "
                + name
                + " has a source_profile loop: "
                + String.join(" -> ", visited)
                + " -> "
                + sourceProfile.get()
                + ".");
      }
      source = fromProfile(sourceProfile.get(), visited).provider();
      via = "profile " + sourceProfile.get();
    } else if (credentialSource.isPresent()) {
      source = credentialSource(name, credentialSource.get());
      via = credentialSource.get();
    } else {
      throw new NoCredentialsException(
          "AWS profile "
              + name
              + " sets role_arn but neither source_profile nor credential_source, so there is"
              + " nothing to assume the role with.");
    }
    StsClient sts =
        settings
            .configure(StsClient.builder(), AwsService.STS, Optional.empty())
            .credentialsProvider(source)
            .build();
    resources.add(sts);
    Optional<String> externalId = profile.property("external_id");
    Optional<Integer> duration =
        profile.property("duration_seconds").flatMap(AwsCredentialChain::integer);
    StsAssumeRoleCredentialsProvider provider =
        StsAssumeRoleCredentialsProvider.builder()
            .stsClient(sts)
            .refreshRequest(
                r -> {
                  r.roleArn(roleArn).roleSessionName(sessionName);
                  externalId.ifPresent(r::externalId);
                  duration.ifPresent(r::durationSeconds);
                })
            .build();
    resources.add(provider);
    return new Described(provider, "role " + roleArn + " via " + via);
  }

  private AwsCredentialsProvider credentialSource(String profile, String source)
      throws NoCredentialsException {
    switch (source) {
      case "Environment" -> {
        return environmentKeys()
            .orElseThrow(
                () ->
                    new NoCredentialsException(
                        "AWS profile "
                            + profile
                            + " takes its source credentials from the environment, but"
                            + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set."));
      }
      case "EcsContainer" -> {
        return ContainerCredentialsProvider.builder().build();
      }
      case "Ec2InstanceMetadata" -> {
        return instanceProfile(false).orElseThrow();
      }
      default ->
          throw new NoCredentialsException(
              "AWS profile "
                  + profile
                  + " has credential_source "
                  + source
                  + ", which is none of Environment, Ec2InstanceMetadata or EcsContainer.");
    }
  }

  private AwsCredentialsProvider webIdentity(String roleArn, Path tokenFile, String sessionName) {
    StsClient sts =
        settings
            .configure(StsClient.builder(), AwsService.STS, Optional.empty())
            .credentialsProvider(
                software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
            .build();
    resources.add(sts);
    StsWebIdentityTokenFileCredentialsProvider provider =
        StsWebIdentityTokenFileCredentialsProvider.builder()
            .stsClient(sts)
            .roleArn(roleArn)
            .webIdentityTokenFile(tokenFile)
            .roleSessionName(sessionName)
            .build();
    resources.add(provider);
    return provider;
  }

  private AwsCredentialsProvider sso(Profile profile) throws NoCredentialsException {
    String name = profile.name();
    Optional<String> session = profile.property("sso_session");
    Optional<Profile> sessionSection = session.flatMap(s -> profiles.section("sso-session", s));
    if (session.isPresent() && sessionSection.isEmpty()) {
      throw new NoCredentialsException(
          "AWS profile "
              + name
              + " names sso_session "
              + session.get()
              + ", but there is no [sso-session "
              + session.get()
              + "] section in "
              + env.configFile()
              + ".");
    }
    List<String> missing = new ArrayList<>();
    String startUrl =
        required(sessionSection.orElse(profile), "sso_start_url", missing)
            .or(() -> profile.property("sso_start_url"))
            .orElse("");
    String ssoRegion =
        required(sessionSection.orElse(profile), "sso_region", missing)
            .or(() -> profile.property("sso_region"))
            .orElse("");
    String accountId = required(profile, "sso_account_id", missing).orElse("");
    String roleName = required(profile, "sso_role_name", missing).orElse("");
    if (!missing.isEmpty()) {
      throw new NoCredentialsException(
          "AWS profile "
              + name
              + " is missing "
              + String.join(" and ", missing)
              + ", which IAM Identity Center needs.");
    }
    SsoCredentials.Settings ssoSettings =
        new SsoCredentials.Settings(name, session, startUrl, ssoRegion, accountId, roleName);
    SsoClient sso = SsoCredentials.anonymousClient(ssoSettings, settings);
    SsoOidcClient oidc = SsoCredentials.oidcClient(ssoSettings, settings);
    SsoCredentials credentials =
        new SsoCredentials(ssoSettings, env.ssoCacheDirectory(), clock, sso, oidc);
    resources.add(credentials);
    return credentials;
  }

  private static Optional<String> required(Profile profile, String property, List<String> missing) {
    Optional<String> value = profile.property(property).filter(v -> !v.isBlank());
    if (value.isEmpty()) {
      missing.add(property);
    }
    return value;
  }

  private Optional<AwsCredentialsProvider> environmentKeys() {
    Optional<String> key = env.get("AWS_ACCESS_KEY_ID");
    Optional<String> secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (key.isEmpty() || secret.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> token = env.get("AWS_SESSION_TOKEN");
    return Optional.of(
        StaticCredentialsProvider.create(
            token.isPresent()
                ? AwsSessionCredentials.create(key.get(), secret.get(), token.get())
                : AwsBasicCredentials.create(key.get(), secret.get())));
  }

  private boolean containerCredentialsConfigured() {
    return env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI").isPresent()
        || env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI").isPresent();
  }

  /**
   * The instance profile; when {@code probe}, only if the instance metadata service answers with
   * credentials now (the one network call of resolving: on a laptop it fails within seconds).
   */
  private Optional<AwsCredentialsProvider> instanceProfile(boolean probe) {
    InstanceProfileCredentialsProvider provider =
        InstanceProfileCredentialsProvider.builder()
            .profileFile(profiles.file())
            .profileName(settings.profile())
            .build();
    if (probe) {
      try {
        provider.resolveCredentials();
      } catch (SdkException | IllegalStateException e) {
        provider.close();
        return Optional.empty();
      }
    }
    resources.add(provider);
    return Optional.of(provider);
  }

  /** True when a profile holds something the chain can make credentials of. */
  static boolean hasCredentials(Profile profile) {
    return profile.property("aws_access_key_id").isPresent()
        || profile.property("role_arn").isPresent()
        || profile.property("sso_session").isPresent()
        || profile.property("sso_start_url").isPresent()
        || profile.property("sso_account_id").isPresent()
        || profile.property("credential_process").isPresent()
        || profile.property("web_identity_token_file").isPresent();
  }

  private static Optional<Integer> integer(String text) {
    try {
      return Optional.of(Integer.parseInt(text.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
