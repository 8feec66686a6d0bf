package dev.sidescope.collectors.proxy;

import dev.sidescope.collectors.envoy.EnvoyAdmin;
import dev.sidescope.collectors.envoy.UnreadableAnswerException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the proxy source says: its status sentence after a round, and why one sidecar did not
 * answer, in words for a person, never a Java class name or a stack trace.
 */
final class ProxyWording {
  /** At most this many sidecars are named in a sentence; the rest are counted. */
  static final int NAMED = 3;

  private ProxyWording() {}

  /** A sidecar that did not answer, and why ("connection refused"). */
  record Silent(String name, String reason) {}

  /** Why a poll failed, in a few words. */
  static String reason(Throwable failure, Duration timeout) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SidecarAnswerException || t instanceof UnreadableAnswerException) {
        return t.getMessage();
      }
      if (t instanceof HttpTimeoutException) {
        return "no answer within " + seconds(timeout);
      }
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host";
      }
      if (t instanceof NoRouteToHostException) {
        return "no route to host";
      }
      if (t instanceof EnvoyAdmin.AdminStatusException a) {
        return "answered " + a.status() + " to " + a.path();
      }
      if (t instanceof LinkerdAdmin.StatusException l) {
        return l.getMessage();
      }
      if (t instanceof PortForwardException p) {
        return p.getMessage();
      }
    }
    return "its answer could not be read";
  }

  /** Whether the sidecar answered, with something unreadable or a refusal: no transport failure. */
  static boolean answered(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SidecarAnswerException
          || t instanceof UnreadableAnswerException
          || t instanceof EnvoyAdmin.AdminStatusException
          || t instanceof LinkerdAdmin.StatusException
          || t instanceof PortForwardException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The status sentence after a round.
   *
   * @param read the sidecars read this round, by kind
   * @param silent those of them that did not answer, in the order of their subjects
   * @param measuring whether some answered for the first time: no rates yet
   * @param notRead sidecars left out because there were more than {@code maxTargets}
   * @param ecsProxies ECS tasks' proxies, which cannot be reached
   */
  static String status(
      Map<ProxyTarget.Kind, Integer> read,
      List<Silent> silent,
      boolean measuring,
      Duration interval,
      int notRead,
      int maxTargets,
      int ecsProxies) {
    int total = read.values().stream().mapToInt(Integer::intValue).sum();
    StringBuilder s = new StringBuilder();
    if (total == 0) {
      s.append(ecsProxies > 0 ? "" : "No proxy sidecars to read.");
    } else if (silent.isEmpty()) {
      s.append("Reading ").append(sidecars(read)).append(" every ").append(seconds(interval));
      if (read.getOrDefault(ProxyTarget.Kind.LINKERD, 0) > 0) {
        s.append(" (Linkerd: requests and latency only)");
      }
      s.append(measuring ? "; measuring: rates after the next poll." : ".");
    } else {
      if (total == 1) {
        s.append("The ").append(sidecars(read).substring(2)).append(" is not answering: ");
      } else if (silent.size() == total) {
        s.append("None of the ").append(sidecars(read)).append(" is answering: ");
      } else {
        s.append(silent.size()).append(" of ").append(sidecars(read)).append(" not answering: ");
      }
      for (int i = 0; i < Math.min(NAMED, silent.size()); i++) {
        Silent one = silent.get(i);
        s.append(i == 0 ? "" : "; ").append(one.name()).append(": ").append(one.reason());
      }
      if (silent.size() > NAMED) {
        s.append("; and ").append(silent.size() - NAMED).append(" more");
      }
      s.append('.');
    }
    if (notRead > 0) {
      s.append(s.length() == 0 ? "" : " ")
          .append(notRead)
          .append(notRead == 1 ? " more proxy sidecar is" : " more proxy sidecars are")
          .append(" not read: at most ")
          .append(maxTargets)
          .append(" are.");
    }
    if (ecsProxies > 0) {
      s.append(s.length() == 0 ? "" : " ")
          .append(ecsProxies)
          .append(ecsProxies == 1 ? " Envoy sidecar" : " Envoy sidecars")
          .append(" on ECS cannot be reached from this machine; X-Ray covers their traffic.");
    }
    return s.toString();
  }

  /** "6 Envoy sidecars", "1 Envoy sidecar", "4 Envoy and 2 Linkerd sidecars". */
  static String sidecars(Map<ProxyTarget.Kind, Integer> byKind) {
    Map<ProxyTarget.Kind, Integer> present = new EnumMap<>(ProxyTarget.Kind.class);
    byKind.forEach(
        (k, n) -> {
          if (n > 0) {
            present.put(k, n);
          }
        });
    int total = present.values().stream().mapToInt(Integer::intValue).sum();
    StringBuilder s = new StringBuilder();
    int i = 0;
    for (Map.Entry<ProxyTarget.Kind, Integer> e : present.entrySet()) {
      s.append(i++ == 0 ? "" : " and ").append(e.getValue()).append(' ').append(e.getKey().label());
    }
    return s.append(total == 1 ? " sidecar" : " sidecars").toString();
  }

  /** "5 s", "2.5 s", "500 ms". */
  static String seconds(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
