package dev.sidescope.samples.aws;

/**
 * An AWS error as the JSON protocols send it: an HTTP status and {@code {"__type": type, "message":
 * message}}.
 */
final class AwsErrorResponse extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;

  AwsErrorResponse(int status, String type, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }

  static AwsErrorResponse invalidParameter(String message) {
    return new AwsErrorResponse(400, "InvalidParameterException", message);
  }

  static AwsErrorResponse clusterNotFound() {
    return new AwsErrorResponse(400, "ClusterNotFoundException", "Cluster not found.");
  }
}
