package dev.sidescope.collectors.aws;

/**
 * An AWS service as the CLI's endpoint settings name it: {@code AWS_ENDPOINT_URL_<envSuffix>} in
 * the environment, {@code <configKey> = endpoint_url = ...} in a profile's {@code services}
 * section.
 *
 * @param envSuffix e.g. {@code ECS}, {@code SSO_OIDC}
 * @param configKey e.g. {@code ecs}, {@code sso_oidc}
 */
public record AwsService(String envSuffix, String configKey) {
  public static final AwsService ECS = new AwsService("ECS", "ecs");
  public static final AwsService XRAY = new AwsService("XRAY", "xray");
  public static final AwsService CLOUDWATCH_LOGS =
      new AwsService("CLOUDWATCH_LOGS", "cloudwatch_logs");
  public static final AwsService STS = new AwsService("STS", "sts");
  public static final AwsService SSO = new AwsService("SSO", "sso");
  public static final AwsService SSO_OIDC = new AwsService("SSO_OIDC", "sso_oidc");
}
