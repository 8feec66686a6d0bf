package dev.sidescope.collectors.ecs;

import static dev.sidescope.collectors.aws.AwsFailures.code;
import static dev.sidescope.collectors.aws.AwsFailures.find;
import static dev.sidescope.collectors.aws.AwsFailures.mentionsCredentials;
import static dev.sidescope.collectors.aws.AwsFailures.notJson;
import static dev.sidescope.collectors.aws.AwsFailures.unreachable;

import dev.sidescope.collectors.aws.SsoLoginRequiredException;
import dev.sidescope.topology.model.SourceState;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What the ECS source says about itself when a pass fails or only partly succeeds: a state and one
 * sentence for a person, never a stack trace or a Java class name.
 */
final class EcsStatusWording {
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

  private EcsStatusWording() {}

  /** A failed pass: its state, its sentence, and whether polling backs off. */
  record Outcome(SourceState state, String message) {}

  /**
   * The state and sentence for a pass that failed.
   *
   * @param retryIn what to say about the next attempt, e.g. "retrying in 30 s"
   * @param endpoint where ECS was called, for "cannot reach" sentences
   * @param credentials where the credentials came from, for "rejected" sentences
   */
  static Outcome failed(RuntimeException e, String retryIn, String endpoint, String credentials) {
    SsoLoginRequiredException sso = find(e, SsoLoginRequiredException.class);
    if (sso != null) {
      return new Outcome(SourceState.DOWN, sso.getMessage());
    }
    String operation = e instanceof EcsCallFailure call ? call.operation() : "a call";
    AwsServiceException service = find(e, AwsServiceException.class);
    if (service != null) {
      String code = code(service);
      if (service.isThrottlingException() || code.equals("ThrottlingException")) {
        return new Outcome(
            SourceState.DEGRADED, "Throttled by ECS on " + operation + ", " + retryIn + ".");
      }
      if (service.statusCode() >= 500) {
        return new Outcome(
            SourceState.DEGRADED,
            "ECS answered "
                + operation
                + " with a server error (HTTP "
                + service.statusCode()
                + (code.isEmpty() ? "" : ", " + code)
                + "), "
                + retryIn
                + ".");
      }
      if (REJECTED_CREDENTIALS.contains(code)) {
        return new Outcome(
            SourceState.DOWN,
            "AWS rejected the credentials from "
                + credentials
                + " ("
                + code
                + "), "
                + retryIn
                + ".");
      }
      if (code.equals("AccessDeniedException") && operation.equals("ListClusters")) {
        return new Outcome(
            SourceState.DOWN,
            "Not allowed to list the ECS clusters (AccessDeniedException); name the clusters to"
                + " watch with --ecs-cluster.");
      }
      return new Outcome(
          SourceState.DEGRADED,
          "ECS answered "
              + operation
              + " with "
              + (code.isEmpty() ? "HTTP " + service.statusCode() : code)
              + ", "
              + retryIn
              + ".");
    }
    if (notJson(e)) {
      return new Outcome(
          SourceState.DEGRADED,
          "ECS answered "
              + operation
              + " with a response that is not valid JSON, "
              + retryIn
              + ".");
    }
    String unreachable = unreachable(e);
    if (unreachable != null) {
      return new Outcome(
          SourceState.DOWN,
          "Cannot reach ECS at " + endpoint + " (" + unreachable + "), " + retryIn + ".");
    }
    SdkClientException client = find(e, SdkClientException.class);
    if (client != null && mentionsCredentials(client)) {
      return new Outcome(
          SourceState.DOWN,
          "Could not get AWS credentials from " + credentials + ", " + retryIn + ".");
    }
    return new Outcome(
        SourceState.DOWN,
        "The ECS poll failed on " + operation + " (" + kind(e) + "), " + retryIn + ".");
  }

  /** The sentence for a pass that read some clusters but not all, or not every definition. */
  static String partial(List<EcsPoll.Problem> problems) {
    EcsPoll.Problem first = problems.get(0);
    List<EcsPoll.Problem> sameKind =
        problems.stream().filter(p -> p.kind() == first.kind()).toList();
    int others = problems.size() - sameKind.size();
    String subjects = list(sameKind.stream().map(EcsPoll.Problem::subject).toList());
    boolean several = sameKind.size() > 1;
    String sentence =
        switch (first.kind()) {
          case CLUSTER_DENIED ->
              "Access denied to "
                  + (several ? "clusters " : "cluster ")
                  + subjects
                  + " ("
                  + first.operation()
                  + "); the other clusters are listed";
          case CLUSTER_NOT_FOUND ->
              (several ? "Clusters " : "Cluster ")
                  + subjects
                  + (several ? " were" : " was")
                  + " not found; the other clusters are listed";
          case DEFINITION_UNREADABLE ->
              (several ? "Task definitions " : "Task definition ")
                  + subjects
                  + " could not be read"
                  + (first.code().isEmpty() ? "" : " (" + first.code() + ")")
                  + ", so "
                  + (several ? "their" : "its")
                  + " tasks show only what DescribeTasks says";
        };
    return sentence
        + (others == 0 ? "" : "; and " + others + " more problem" + (others == 1 ? "" : "s"))
        + ".";
  }

  private static String list(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }

  /** A short name for an unexpected failure: the exception's simple name, nothing it says. */
  private static String kind(Throwable e) {
    Throwable root = e instanceof EcsCallFailure && e.getCause() != null ? e.getCause() : e;
    return root.getClass().getSimpleName();
  }

  /** Codes joined for logs. */
  static String codes(List<EcsPoll.Problem> problems) {
    return problems.stream()
        .map(p -> p.kind() + " " + p.subject())
        .collect(Collectors.joining(", "));
  }
}
