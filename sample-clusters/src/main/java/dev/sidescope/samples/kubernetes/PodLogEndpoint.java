package dev.sidescope.samples.kubernetes;

import dev.sidescope.samples.logs.ContainerLog;
import dev.sidescope.samples.logs.LogLine;
import dev.sidescope.samples.logs.SampleLogs;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/namespaces/NS/pods/POD/log}: the log of one container, as the kubelet serves
 * it through the API server, with {@code container}, {@code follow}, {@code tailLines}, {@code
 * timestamps}, {@code sinceSeconds}, {@code limitBytes} and {@code previous}. The lines follow the
 * sample's traffic (see {@link SampleLogs}): a followed log keeps the response open and writes what
 * the container wrote since, every half second, until the client goes away. {@code previous} serves
 * the run before a restart, which ended in a crash, and is refused as by a kubelet for a container
 * that never restarted. A crash-looping container's log is its last attempt's, and following it
 * ends there.
 *
 * <p>Served straight on the HTTP server (not through the mock's dispatcher, whose responses are
 * whole bodies). Called on event-loop threads; follow timers run on the same event loop as their
 * request. Thread-safe.
 */
final class PodLogEndpoint {
  private static final Pattern PATH =
      Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/]+)/log$");
  private static final Duration FOLLOW_TICK = Duration.ofMillis(500);
  private static final DateTimeFormatter NANOS =
      new DateTimeFormatterBuilder().appendInstant(9).toFormatter();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final KubernetesCrudDispatcher crud;
  private final Vertx vertx;
  private final Supplier<SampleLogs> logs;

  /**
   * @param logs what the containers' lines are written from, as the server says now
   */
  PodLogEndpoint(KubernetesCrudDispatcher crud, Vertx vertx, Supplier<SampleLogs> logs) {
    this.crud = crud;
    this.vertx = vertx;
    this.logs = logs;
  }

  /** True for a request this endpoint answers. */
  static boolean handles(HttpServerRequest request) {
    return request.method() == HttpMethod.GET && PATH.matcher(request.path()).matches();
  }

  void handle(HttpServerRequest request) {
    Matcher m = PATH.matcher(request.path());
    if (!m.matches()) {
      fail(
          request,
          HttpURLConnection.HTTP_NOT_FOUND,
          "NotFound",
          "the server could not find the requested resource");
      return;
    }
    String namespace = m.group(1);
    String podName = m.group(2);
    MockResponse stored = crud.handleGet("/api/v1/namespaces/" + namespace + "/pods/" + podName);
    if (stored.code() != HttpURLConnection.HTTP_OK || stored.getBody() == null) {
      fail(
          request,
          HttpURLConnection.HTTP_NOT_FOUND,
          "NotFound",
          "pods \"" + podName + "\" not found");
      return;
    }
    Pod pod =
        SERIALIZATION.unmarshal(
            new String(stored.getBody().getBytes(), StandardCharsets.UTF_8), Pod.class);
    List<Container> containers = list(pod.getSpec() == null ? null : pod.getSpec().getContainers());
    List<Container> initContainers =
        list(pod.getSpec() == null ? null : pod.getSpec().getInitContainers());
    String wanted = request.getParam("container");
    Optional<Container> container;
    boolean classicInit = false;
    if (wanted == null || wanted.isEmpty()) {
      if (containers.size() != 1) {
        fail(
            request,
            HttpURLConnection.HTTP_BAD_REQUEST,
            "BadRequest",
            "a container name must be specified for pod "
                + podName
                + ", choose one of: "
                + names(containers)
                + (initContainers.isEmpty()
                    ? ""
                    : " or one of the init containers: " + names(initContainers)));
        return;
      }
      container = Optional.of(containers.get(0));
    } else {
      container = containers.stream().filter(c -> wanted.equals(c.getName())).findFirst();
      if (container.isEmpty()) {
        container = initContainers.stream().filter(c -> wanted.equals(c.getName())).findFirst();
        classicInit = container.isPresent() && !PodFactory.isNativeSidecar(container.get());
      }
    }
    if (container.isEmpty()) {
      fail(
          request,
          HttpURLConnection.HTTP_BAD_REQUEST,
          "BadRequest",
          "container " + wanted + " is not valid for pod " + podName);
      return;
    }
    String name = container.get().getName();
    boolean previous = Boolean.parseBoolean(request.getParam("previous"));
    ContainerLog log = PodContainerLogs.of(pod, container.get(), classicInit, logs.get());
    Optional<List<LogLine>> previousRun = log.previousRun();
    if (previous && previousRun.isEmpty()) {
      fail(
          request,
          HttpURLConnection.HTTP_BAD_REQUEST,
          "BadRequest",
          "previous terminated container \"" + name + "\" in pod \"" + podName + "\" not found");
      return;
    }
    Instant now = log.now();
    List<LogLine> lines = new ArrayList<>(previous ? previousRun.get() : log.history(now));
    String since = request.getParam("sinceSeconds");
    if (since != null && since.matches("\\d+")) {
      Instant from = now.minusSeconds(Long.parseLong(since));
      lines.removeIf(l -> l.at().isBefore(from));
    }
    String tail = request.getParam("tailLines");
    if (tail != null && tail.matches("\\d+")) {
      int keep = (int) Math.min(Long.parseLong(tail), lines.size());
      lines = new ArrayList<>(lines.subList(lines.size() - keep, lines.size()));
    }
    boolean timestamps = Boolean.parseBoolean(request.getParam("timestamps"));
    StringBuilder body = new StringBuilder();
    for (LogLine line : lines) {
      body.append(render(line, timestamps));
    }
    String limit = request.getParam("limitBytes");
    HttpServerResponse response = request.response();
    response.setStatusCode(HttpURLConnection.HTTP_OK);
    response.putHeader("Content-Type", "text/plain");
    // A previous run has ended, and so has a crash-looping container's last attempt: following
    // either ends with its last line, as the API server closes the stream of a container that is
    // not running.
    boolean follow =
        Boolean.parseBoolean(request.getParam("follow"))
            && !classicInit
            && !previous
            && log.endedAt().isEmpty()
            && limit == null;
    if (!follow) {
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      if (limit != null && limit.matches("\\d+") && Long.parseLong(limit) < bytes.length) {
        bytes = Arrays.copyOf(bytes, Integer.parseInt(limit));
      }
      response.end(Buffer.buffer(bytes));
      return;
    }
    response.setChunked(true);
    response.write(body.toString());
    Follow stream = new Follow(response, log, now, timestamps);
    response.closeHandler(closed -> stream.stop());
    response.exceptionHandler(failed -> stream.stop());
    stream.schedule();
  }

  /**
   * One followed log: a timer chain that writes, every {@link #FOLLOW_TICK}, the lines written
   * since the last it wrote, until the client leaves.
   */
  private final class Follow {
    private final HttpServerResponse response;
    private final ContainerLog log;
    private final boolean timestamps;
    private Instant written;
    private volatile boolean stopped;
    private long timer = -1;

    Follow(HttpServerResponse response, ContainerLog log, Instant written, boolean timestamps) {
      this.response = response;
      this.log = log;
      this.written = written;
      this.timestamps = timestamps;
    }

    void schedule() {
      if (stopped) {
        return;
      }
      timer =
          vertx.setTimer(
              FOLLOW_TICK.toMillis(),
              id -> {
                if (stopped || response.closed()) {
                  return;
                }
                Instant upTo = log.now();
                StringBuilder lines = new StringBuilder();
                for (LogLine line : log.between(written, upTo)) {
                  lines.append(render(line, timestamps));
                }
                written = upTo;
                if (!lines.isEmpty()) {
                  response.write(lines.toString());
                }
                schedule();
              });
    }

    void stop() {
      stopped = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    }
  }

  private static String render(LogLine line, boolean timestamps) {
    return timestamps ? NANOS.format(line.at()) + " " + line.text() + "\n" : line.text() + "\n";
  }

  private static String names(List<Container> containers) {
    return "[" + String.join(" ", containers.stream().map(Container::getName).toList()) + "]";
  }

  private static void fail(HttpServerRequest request, int code, String reason, String message) {
    request
        .response()
        .setStatusCode(code)
        .putHeader("Content-Type", "application/json")
        .end(KubernetesDiscovery.status(code, reason, message));
  }

  private static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list;
  }
}
