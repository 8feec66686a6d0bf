package dev.sidescope.samples;

import dev.sidescope.samples.aws.SampleAwsEndpoint;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * The sample's AWS endpoint (ECS now; X-Ray and CloudWatch Logs later) as one of the served
 * endpoints: the env file points the AWS SDK and CLI at it with fake static credentials, and unsets
 * the profile and session token so a real account is never reached by mistake.
 */
final class AwsEndpoint implements SampleEndpoint {
  private final SampleAwsEndpoint endpoint;

  AwsEndpoint(SampleAwsEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public String name() {
    return "aws";
  }

  @Override
  public InetSocketAddress address() {
    return new InetSocketAddress(endpoint.url().getHost(), endpoint.url().getPort());
  }

  @Override
  public EnvFile.Contribution environment(Path envDirectory) {
    return new EnvFile.Contribution(
        endpoint.environment(), List.of("AWS_PROFILE", "AWS_SESSION_TOKEN"));
  }

  @Override
  public List<Path> temporaryFiles() {
    return List.of();
  }

  @Override
  public void stop() {
    endpoint.stop();
  }

  SampleAwsEndpoint endpoint() {
    return endpoint;
  }
}
