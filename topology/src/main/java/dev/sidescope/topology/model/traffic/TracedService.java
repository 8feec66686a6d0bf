package dev.sidescope.topology.model.traffic;

import java.util.Objects;
import java.util.Optional;

/**
 * A service as tracing names it, with the calls it answered: X-Ray's service graph node, or the
 * segments a local daemon port received under one name.
 *
 * @param name the service's name in its segments, e.g. {@code order-service}; for a service known
 *     only from its callers' subsegments, the name they gave it ({@code payments-db.internal},
 *     {@code DynamoDB})
 * @param type X-Ray's type for it where known, e.g. {@code AWS::ECS::Container}, {@code
 *     AWS::DynamoDB::Table}, {@code remote}
 * @param stats the calls it answered, as its callers or its own segments timed them
 */
public record TracedService(String name, Optional<String> type, CallStats stats) {
  public TracedService {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(stats, "stats");
  }

  /** Whether X-Ray's type names an AWS service ({@code AWS::DynamoDB::Table}, {@code AWS}). */
  public boolean isAwsService() {
    return isAwsType(type);
  }

  /**
   * Whether X-Ray's type names an AWS service that is not compute: {@code AWS::DynamoDB::Table} and
   * {@code AWS} (a subsegment in the {@code aws} namespace) do, {@code AWS::ECS::Container} and
   * {@code remote} do not.
   */
  public static boolean isAwsType(Optional<String> type) {
    return type.map(t -> t.equals("AWS") || t.startsWith("AWS::") && !isCompute(t)).orElse(false);
  }

  private static boolean isCompute(String type) {
    return type.startsWith("AWS::EC2::")
        || type.startsWith("AWS::ECS::")
        || type.startsWith("AWS::EKS::")
        || type.startsWith("AWS::ElasticBeanstalk::")
        || type.startsWith("AWS::Lambda::Function")
        || type.equals("AWS::ApiGateway::Stage");
  }
}
