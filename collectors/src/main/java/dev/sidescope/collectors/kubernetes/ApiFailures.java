package dev.sidescope.collectors.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Says in a few words why a call to the Kubernetes API failed, for a source's status: "connection
 * refused to http://127.0.0.1:6443", "unauthorized: the token was rejected", "forbidden: list pods
 * in namespace shop". Never a stack trace; the exception itself goes to the log.
 *
 * <p>Pure functions; safe from any thread.
 */
final class ApiFailures {
  private ApiFailures() {}

  /** What was being done when the call failed: {@code list pods in namespace shop}. */
  record Operation(String verb, String resource, Optional<String> namespace) {
    String describe() {
      return verb
          + " "
          + resource
          + namespace.map(ns -> " in namespace " + ns).orElse(" cluster-wide");
    }
  }

  /**
   * One phrase for the failure: lower case, no final period.
   *
   * @param server the API server's URL as the kubeconfig gives it
   * @param tokenAuth whether the client sends a bearer token (a static token or an exec plugin's)
   * @param operation what was being done, for 403 and 404
   */
  static String describe(
      Throwable failure, String server, boolean tokenAuth, Optional<Operation> operation) {
    Throwable t = unwrap(failure);
    String url = trimSlash(server);
    if (t instanceof KubernetesClientException k && k.getCode() > 0) {
      int code = k.getCode();
      switch (code) {
        case 401:
          return tokenAuth
              ? "unauthorized: the token was rejected"
              : "unauthorized: the credentials were rejected";
        case 403:
          return "forbidden: " + operation.map(Operation::describe).orElse("the request");
        case 404:
          return "not found: "
              + operation.map(o -> o.resource() + " are not served by " + url).orElse(url);
        case 410:
          return "the API server forgot the watch position (410 Gone); listing again";
        default:
          return "the API server at " + url + " answered " + code + reason(k);
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof HttpConnectTimeoutException) {
        return "timed out connecting to " + url;
      }
      if (c instanceof HttpTimeoutException || c instanceof SocketTimeoutException) {
        return "the API server at " + url + " did not answer in time";
      }
      if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
        return "cannot resolve the host " + host(url);
      }
      if (c instanceof NoRouteToHostException) {
        return "no route to " + url;
      }
      if (c instanceof SSLException) {
        return "the TLS handshake with " + url + " failed: " + firstLine(c, "no reason given");
      }
      if (c instanceof ConnectException) {
        String message = c.getMessage();
        // The JDK client reports a refused connection with no message (its cause is a closed
        // channel); other connect failures say what happened.
        if (message == null || message.isBlank() || message.toLowerCase().contains("refused")) {
          return "connection refused to " + url;
        }
        return "cannot connect to " + url + ": " + firstLine(c, "");
      }
    }
    return "cannot reach " + url + ": " + rootMessage(t);
  }

  /** True for an HTTP 403 answer. */
  static boolean isForbidden(Throwable failure) {
    return unwrap(failure) instanceof KubernetesClientException k && k.getCode() == 403;
  }

  /** True for an HTTP 404 answer. */
  static boolean isNotFound(Throwable failure) {
    return unwrap(failure) instanceof KubernetesClientException k && k.getCode() == 404;
  }

  private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+)");

  /**
   * The innermost cause's first line, or its class name when it has no message, with the position a
   * parser gives further down ("while parsing a flow node (line 3, column 17)").
   */
  static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String first = firstLine(root, root.getClass().getSimpleName());
    Matcher position = POSITION.matcher(root.getMessage() == null ? "" : root.getMessage());
    if (position.find() && !first.contains(position.group())) {
      return first + " (" + position.group() + ")";
    }
    return first;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    // fabric8 wraps a failed request in a KubernetesClientException without a code.
    if (t instanceof KubernetesClientException k
        && k.getCode() <= 0
        && k.getCause() instanceof KubernetesClientException inner) {
      return inner;
    }
    return t;
  }

  private static String reason(KubernetesClientException k) {
    if (k.getStatus() != null
        && k.getStatus().getReason() != null
        && !k.getStatus().getReason().isBlank()) {
      return " (" + k.getStatus().getReason() + ")";
    }
    return "";
  }

  private static String firstLine(Throwable t, String fallback) {
    String message = t.getMessage();
    if (message == null || message.isBlank()) {
      return fallback;
    }
    String line = message.lines().findFirst().orElse(fallback).strip();
    return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
  }

  private static String trimSlash(String server) {
    String s = server == null ? "" : server;
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static String host(String url) {
    try {
      String host = URI.create(url).getHost();
      return host == null ? url : host;
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
