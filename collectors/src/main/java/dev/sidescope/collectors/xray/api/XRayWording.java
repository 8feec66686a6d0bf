package dev.sidescope.collectors.xray.api;

import static dev.sidescope.collectors.aws.AwsFailures.code;
import static dev.sidescope.collectors.aws.AwsFailures.find;
import static dev.sidescope.collectors.aws.AwsFailures.mentionsCredentials;
import static dev.sidescope.collectors.aws.AwsFailures.notJson;
import static dev.sidescope.collectors.aws.AwsFailures.unreachable;

import dev.sidescope.collectors.aws.SsoLoginRequiredException;
import dev.sidescope.topology.model.SourceState;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What the X-Ray API source says when a call fails: a state and one sentence for a person, never a
 * stack trace or a Java class name. The same words serve the source's status (with when it tries
 * next) and the answer to a question (without).
 */
final class XRayWording {
  /** Error codes that mean AWS did not accept the credentials themselves. */
  private static final Set<String> REJECTED_CREDENTIALS =
      Set.of(
          "UnrecognizedClientException",
          "InvalidSignatureException",
          "SignatureDoesNotMatch",
          "IncompleteSignature",
          "InvalidClientTokenId",
          "ExpiredTokenException",
          "ExpiredToken",
          "AuthFailure",
          "MissingAuthenticationTokenException");

  private XRayWording() {}

  /** A failed call: the source's state after it, and the sentence. */
  record Outcome(SourceState state, String message, boolean throttled) {}

  /**
   * The state and sentence for a failed call.
   *
   * @param next what to say about the next attempt, e.g. "next try in 60 s"; empty for a question
   * @param endpoint where X-Ray was called, for "cannot reach" sentences
   * @param credentials where the credentials came from
   */
  static Outcome failed(RuntimeException e, String next, String endpoint, String credentials) {
    String then = next.isEmpty() ? "" : "; " + next;
    SsoLoginRequiredException sso = find(e, SsoLoginRequiredException.class);
    if (sso != null) {
      return new Outcome(SourceState.DOWN, sso.getMessage(), false);
    }
    String operation = e instanceof XRayCallFailure call ? call.operation() : "a call";
    AwsServiceException service = find(e, AwsServiceException.class);
    if (service != null) {
      String code = code(service);
      if (service.isThrottlingException()
          || service.statusCode() == 429
          || code.equals("ThrottlingException")
          || code.equals("ThrottledException")) {
        return new Outcome(
            SourceState.DEGRADED,
            "X-Ray is throttling Sidescope; "
                + (next.isEmpty() ? "ask again in a minute" : next)
                + ".",
            true);
      }
      if (code.equals("AccessDeniedException") || code.equals("AccessDenied")) {
        return new Outcome(
            SourceState.DOWN, "X-Ray denied xray:" + operation + " to " + credentials + ".", false);
      }
      if (REJECTED_CREDENTIALS.contains(code)) {
        return new Outcome(
            SourceState.DOWN,
            "AWS rejected the credentials from " + credentials + " (" + code + ")" + then + ".",
            false);
      }
      if (service.statusCode() >= 500) {
        return new Outcome(
            SourceState.DEGRADED,
            "X-Ray answered "
                + operation
                + " with a server error (HTTP "
                + service.statusCode()
                + (code.isEmpty() ? "" : ", " + code)
                + ")"
                + then
                + ".",
            false);
      }
      return new Outcome(
          SourceState.DEGRADED,
          "X-Ray answered "
              + operation
              + " with "
              + (code.isEmpty() ? "HTTP " + service.statusCode() : code)
              + then
              + ".",
          false);
    }
    if (notJson(e)) {
      return new Outcome(
          SourceState.DEGRADED,
          "X-Ray answered " + operation + " with a response that is not valid JSON" + then + ".",
          false);
    }
    String unreachable = unreachable(e);
    if (unreachable != null) {
      return new Outcome(
          SourceState.DEGRADED,
          "Cannot reach X-Ray at " + endpoint + " (" + unreachable + ")" + then + ".",
          false);
    }
    SdkClientException client = find(e, SdkClientException.class);
    if (client != null && mentionsCredentials(client)) {
      return new Outcome(
          SourceState.DOWN,
          "Could not get AWS credentials from " + credentials + then + ".",
          false);
    }
    return new Outcome(
        SourceState.DEGRADED, "X-Ray's " + operation + " failed unexpectedly" + then + ".", false);
  }
}
