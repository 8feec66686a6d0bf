package dev.sidescope.samples.xray;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A call to an AWS service, as the X-Ray SDKs record it: a subsegment in the {@code aws} namespace
 * named after the service, with the operation called; X-Ray's service graph shows it as a node of
 * the given type. Known from the host's first label ({@code dynamodb.us-east-1.amazonaws.com}), as
 * Sidescope's picture knows its AWS nodes.
 *
 * @param name the subsegment's name, e.g. {@code DynamoDB}
 * @param type the service graph node's type, e.g. {@code AWS::DynamoDB::Table}
 * @param operation the operation the sample's calls make
 * @param region the region the host names, or empty
 */
record AwsServiceCall(String name, String type, String operation, String region) {
  private static final Map<String, AwsServiceCall> BY_LABEL =
      Map.of(
          "dynamodb", new AwsServiceCall("DynamoDB", "AWS::DynamoDB::Table", "Query", ""),
          "sqs", new AwsServiceCall("SQS", "AWS::SQS::Queue", "SendMessage", ""),
          "sns", new AwsServiceCall("SNS", "AWS::SNS::Topic", "Publish", ""),
          "s3", new AwsServiceCall("S3", "AWS::S3::Bucket", "GetObject", ""),
          "secretsmanager",
              new AwsServiceCall("SecretsManager", "AWS::SecretsManager", "GetSecretValue", ""),
          "appconfig",
              new AwsServiceCall(
                  "AppConfigData", "AWS::AppConfigData", "GetLatestConfiguration", ""),
          "appconfigdata",
              new AwsServiceCall(
                  "AppConfigData", "AWS::AppConfigData", "GetLatestConfiguration", ""),
          "logs", new AwsServiceCall("CloudWatchLogs", "AWS::Logs", "PutLogEvents", ""),
          "kinesis", new AwsServiceCall("Kinesis", "AWS::Kinesis::Stream", "PutRecords", ""),
          "xray", new AwsServiceCall("XRay", "AWS::XRay", "PutTraceSegments", ""));

  /** The AWS service {@code host} names, if it is an AWS endpoint the picture knows. */
  static Optional<AwsServiceCall> of(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (!h.endsWith(".amazonaws.com")) {
      return Optional.empty();
    }
    String[] labels = h.split("\\.");
    AwsServiceCall known = BY_LABEL.get(labels[0]);
    if (known == null) {
      return Optional.empty();
    }
    String region = labels.length > 3 ? labels[1] : "";
    return Optional.of(new AwsServiceCall(known.name, known.type, known.operation, region));
  }
}
