package dev.sidescope.collectors.aws;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What an AWS SDK failure is, read off its chain of causes, for the sources that put it in one
 * sentence (ECS, X-Ray): the service's error code, an answer that was not JSON, a network that
 * could not be reached, credentials that could not be had. Stateless.
 */
public final class AwsFailures {
  private AwsFailures() {}

  /** The first cause of {@code type} in {@code e}'s chain, {@code e} included; null when none. */
  public static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** The service's error code, e.g. {@code AccessDeniedException}; empty when it sent none. */
  public static String code(AwsServiceException e) {
    return e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
        ? e.awsErrorDetails().errorCode()
        : "";
  }

  /** Whether the answer could not be read as JSON. */
  public static boolean notJson(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (message.contains("Unable to unmarshall")
          || t.getClass().getSimpleName().contains("JsonParse")) {
        return true;
      }
    }
    return false;
  }

  /**
   * How the endpoint could not be reached, in a few words ({@code connection refused}, {@code
   * unknown host}, {@code timed out}, {@code network error}); null when it was reached.
   */
  public static String unreachable(Throwable e) {
    if (find(e, ConnectException.class) != null) {
      return "connection refused";
    }
    if (find(e, UnknownHostException.class) != null) {
      return "unknown host";
    }
    if (find(e, SocketTimeoutException.class) != null) {
      return "timed out";
    }
    return find(e, IOException.class) != null ? "network error" : null;
  }

  /** Whether a client-side failure is about credentials. */
  public static boolean mentionsCredentials(SdkClientException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (message.contains("credentials") || message.contains("credential_process")) {
        return true;
      }
    }
    return false;
  }
}
