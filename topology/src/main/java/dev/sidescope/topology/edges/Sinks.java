package dev.sidescope.topology.edges;

import dev.sidescope.topology.model.Node;
import dev.sidescope.topology.model.NodeKind;
import java.util.Map;
import java.util.Optional;

/** The outside services that sidecars feed, with the ids and labels the seed gives them. */
public final class Sinks {
  public static final Node XRAY = new Node("aws/xray", NodeKind.AWS, "AWS X-Ray");
  public static final Node CLOUDWATCH_LOGS =
      new Node("aws/cloudwatch-logs", NodeKind.AWS, "CloudWatch Logs");
  public static final Node CLOUDWATCH_METRICS =
      new Node("aws/cloudwatch", NodeKind.AWS, "CloudWatch Metrics");
  public static final Node APPCONFIG = new Node("aws/appconfig", NodeKind.AWS, "AWS AppConfig");
  public static final Node SECRETS_MANAGER =
      new Node("aws/secretsmanager", NodeKind.AWS, "Secrets Manager");
  public static final Node FIREHOSE =
      new Node("aws/firehose", NodeKind.AWS, "Kinesis Data Firehose");
  public static final Node KINESIS = new Node("aws/kinesis", NodeKind.AWS, "Kinesis Data Streams");
  public static final Node S3 = new Node("aws/s3", NodeKind.AWS, "Amazon S3");
  public static final Node VAULT = new Node("vault", NodeKind.VAULT, "Vault");
  public static final Node DATADOG = new Node("external/datadog", NodeKind.EXTERNAL, "Datadog");
  public static final Node DYNAMODB = new Node("aws/dynamodb", NodeKind.AWS, "Amazon DynamoDB");
  public static final Node SQS = new Node("aws/sqs", NodeKind.AWS, "Amazon SQS");
  public static final Node SNS = new Node("aws/sns", NodeKind.AWS, "Amazon SNS");

  /** AWS endpoints an app may name directly: the first label of {@code *.amazonaws.com}. */
  private static final Map<String, Node> AWS_ENDPOINTS =
      Map.of(
          "dynamodb", DYNAMODB,
          "sqs", SQS,
          "sns", SNS,
          "s3", S3,
          "secretsmanager", SECRETS_MANAGER,
          "appconfig", APPCONFIG,
          "appconfigdata", APPCONFIG,
          "logs", CLOUDWATCH_LOGS,
          "xray", XRAY,
          "kinesis", KINESIS);

  /**
   * AWS services as tracing names them ({@code DynamoDB}, {@code SecretsManager}, {@code
   * CloudWatchLogs}, the second part of {@code AWS::DynamoDB::Table}), as {@link #awsServiceKey}
   * writes them.
   */
  private static final Map<String, Node> AWS_SERVICES =
      Map.ofEntries(
          Map.entry("dynamodb", DYNAMODB),
          Map.entry("sqs", SQS),
          Map.entry("sns", SNS),
          Map.entry("s3", S3),
          Map.entry("secretsmanager", SECRETS_MANAGER),
          Map.entry("appconfig", APPCONFIG),
          Map.entry("appconfigdata", APPCONFIG),
          Map.entry("logs", CLOUDWATCH_LOGS),
          Map.entry("cloudwatchlogs", CLOUDWATCH_LOGS),
          Map.entry("cloudwatch", CLOUDWATCH_METRICS),
          Map.entry("xray", XRAY),
          Map.entry("kinesis", KINESIS),
          Map.entry("firehose", FIREHOSE),
          Map.entry("kinesisfirehose", FIREHOSE));

  private Sinks() {}

  /**
   * The AWS node Sidescope draws for a service tracing names, e.g. {@code DynamoDB} or {@code
   * Secrets Manager}, compared by {@link #awsServiceKey}; empty for one it has no node for.
   */
  public static Optional<Node> awsService(String name) {
    return Optional.ofNullable(AWS_SERVICES.get(awsServiceKey(name)));
  }

  /**
   * An AWS service's name reduced for comparing: lower case, letters and digits only, without a
   * leading "AWS" or "Amazon". {@code AWS X-Ray}, {@code XRay} and {@code aws/xray}'s last part all
   * give {@code xray}.
   */
  public static String awsServiceKey(String name) {
    StringBuilder key = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = Character.toLowerCase(name.charAt(i));
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
        key.append(c);
      }
    }
    for (String prefix : new String[] {"amazon", "aws"}) {
      if (key.length() > prefix.length() && key.indexOf(prefix) == 0) {
        key.delete(0, prefix.length());
      }
    }
    return key.toString();
  }

  /** The AWS service a host such as {@code dynamodb.us-east-1.amazonaws.com} names, if known. */
  public static Optional<Node> awsEndpoint(String host) {
    if (!host.endsWith(".amazonaws.com")) {
      return Optional.empty();
    }
    String first = host.substring(0, host.indexOf('.'));
    return Optional.ofNullable(AWS_ENDPOINTS.get(first));
  }

  /** The FireLens / Fluent Bit output plugin {@code Name} → where the logs go. */
  static Optional<Node> fluentOutput(String pluginName) {
    String n = pluginName.toLowerCase(java.util.Locale.ROOT);
    return switch (n) {
      case "cloudwatch", "cloudwatch_logs" -> Optional.of(CLOUDWATCH_LOGS);
      case "firehose", "kinesis_firehose" -> Optional.of(FIREHOSE);
      case "kinesis", "kinesis_streams" -> Optional.of(KINESIS);
      case "s3" -> Optional.of(S3);
      case "datadog" -> Optional.of(DATADOG);
      default -> Optional.empty();
    };
  }
}
