package dev.sidescope.collectors.kubernetes.events;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Says in one phrase why reading a pod's events failed: "not allowed to list events in namespace
 * payments", "the API server answered 503", "cannot reach the API server at http://127.0.0.1:6443".
 * Lower case, no final period; the exception itself goes to the log.
 *
 * <p>Pure functions; safe from any thread.
 */
final class EventFeedFailure {
  private EventFeedFailure() {}

  /**
   * @param failure what the client threw
   * @param doing what was being done, for a refusal: {@code list events in namespace payments}
   * @param server the API server's URL
   */
  static String describe(Throwable failure, String doing, String server) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof KubernetesClientException k
        && k.getCode() <= 0
        && k.getCause() instanceof KubernetesClientException inner) {
      t = inner;
    }
    if (t instanceof KubernetesClientException k && k.getCode() > 0) {
      return switch (k.getCode()) {
        case 401 -> "the API server rejected the credentials";
        case 403 -> "not allowed to " + doing;
        case 404 -> "the API server does not serve what is needed to " + doing;
        default -> "the API server answered " + k.getCode() + " when asked to " + doing;
      };
    }
    // The JDK client wraps a refused connection in IOExceptions of its own: look at every cause.
    if (has(t, ConnectException.class)) {
      return "cannot reach the API server at " + trim(server) + ": connection refused";
    }
    if (has(t, HttpTimeoutException.class)) {
      return "the API server at " + trim(server) + " did not answer in time";
    }
    if (has(t, IOException.class)) {
      return "cannot reach the API server at " + trim(server);
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return "could not " + doing + ": " + message.lines().findFirst().orElse("").strip();
  }

  /** True for an answer that says the object is not there. */
  static boolean notFound(Throwable failure) {
    return failure instanceof KubernetesClientException k && k.getCode() == 404;
  }

  private static boolean has(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static String trim(String server) {
    return server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
  }
}
