package dev.sidescope.collectors.kubernetes.logs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One request for a container's log: the path and query of {@code GET
 * /api/v1/namespaces/NS/pods/POD/log}, always with {@code timestamps=true} so that every line
 * carries the time it was written.
 *
 * @param namespace the pod's namespace
 * @param pod the pod's name
 * @param container the container's name
 * @param tailLines at most this many lines already written; empty: all of them
 * @param sinceSeconds only lines written within this many seconds
 * @param sinceTime only lines written at or after this time (whole seconds on the wire: the API
 *     server reads RFC 3339 without fractions)
 * @param previous the container's previous run
 * @param follow keep the response open for new lines
 */
record PodLogQuery(
    String namespace,
    String pod,
    String container,
    OptionalInt tailLines,
    OptionalInt sinceSeconds,
    Optional<Instant> sinceTime,
    boolean previous,
    boolean follow) {

  /** The same container's log from {@code time} on, followed: how a broken stream is resumed. */
  PodLogQuery resumedAt(Instant time) {
    return new PodLogQuery(
        namespace,
        pod,
        container,
        OptionalInt.empty(),
        OptionalInt.empty(),
        Optional.of(time),
        previous,
        follow);
  }

  /** The path and query, relative to the API server's root (no leading slash). */
  String pathAndQuery() {
    StringBuilder q = new StringBuilder("api/v1/namespaces/");
    q.append(encode(namespace)).append("/pods/").append(encode(pod)).append("/log");
    q.append("?container=").append(encode(container)).append("&timestamps=true");
    tailLines.ifPresent(n -> q.append("&tailLines=").append(n));
    sinceSeconds.ifPresent(s -> q.append("&sinceSeconds=").append(s));
    sinceTime.ifPresent(
        t -> q.append("&sinceTime=").append(encode(t.truncatedTo(ChronoUnit.SECONDS).toString())));
    if (previous) {
      q.append("&previous=true");
    }
    if (follow) {
      q.append("&follow=true");
    }
    return q.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
