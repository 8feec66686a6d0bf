package dev.sidescope.samples.kubernetes;

import dev.sidescope.samples.kubernetes.ContainerLogLines.LogLine;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
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
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/namespaces/NS/pods/POD/log}: the log of one container, as the kubelet serves
 * it through the API server, with {@code container}, {@code follow}, {@code tailLines}, {@code
 * timestamps}, {@code sinceSeconds}, {@code limitBytes} and {@code previous}. A followed log keeps
 * the response open and writes a line every second or two until the client goes away.
 *
 * <p>Served straight on the HTTP server (not through the mock's dispatcher, whose responses are
 * whole bodies). Called on event-loop threads; follow timers run on the same event loop as their
 * request. Thread-safe.
 */
final class PodLogEndpoint {
  private static final Pattern PATH =
      Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/]+)/log$");
  private static final int HISTORY = 20;
  private static final DateTimeFormatter NANOS =
      new DateTimeFormatterBuilder().appendInstant(9).toFormatter();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final KubernetesCrudDispatcher crud;
  private final Vertx vertx;
  private final Clock clock;

  PodLogEndpoint(KubernetesCrudDispatcher crud, Vertx vertx, Clock clock) {
    this.crud = crud;
    this.vertx = vertx;
    this.clock = clock;
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
    if (Boolean.parseBoolean(request.getParam("previous")) && restarts(pod, name) == 0) {
      fail(
          request,
          HttpURLConnection.HTTP_BAD_REQUEST,
          "BadRequest",
          "previous terminated container \"" + name + "\" in pod \"" + podName + "\" not found");
      return;
    }
    ContainerLogLines log = ContainerLogLines.of(pod, container.get(), classicInit);
    Instant now = clock.instant();
    List<LogLine> lines = new ArrayList<>(log.history(now, HISTORY));
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
    boolean follow =
        Boolean.parseBoolean(request.getParam("follow")) && !classicInit && limit == null;
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
    Follow stream = new Follow(response, log, timestamps);
    response.closeHandler(closed -> stream.stop());
    response.exceptionHandler(failed -> stream.stop());
    stream.schedule();
  }

  /** One followed log: a timer chain that writes the next line until the client leaves. */
  private final class Follow {
    private final HttpServerResponse response;
    private final ContainerLogLines log;
    private final boolean timestamps;
    private volatile boolean stopped;
    private long timer = -1;

    Follow(HttpServerResponse response, ContainerLogLines log, boolean timestamps) {
      this.response = response;
      this.log = log;
      this.timestamps = timestamps;
    }

    void schedule() {
      if (stopped) {
        return;
      }
      timer =
          vertx.setTimer(
              800 + ThreadLocalRandom.current().nextLong(1500),
              id -> {
                if (stopped || response.closed()) {
                  return;
                }
                response.write(render(log.next(clock.instant()), timestamps));
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

  private static int restarts(Pod pod, String container) {
    if (pod.getStatus() == null) {
      return 0;
    }
    List<ContainerStatus> all = new ArrayList<>(list(pod.getStatus().getContainerStatuses()));
    all.addAll(list(pod.getStatus().getInitContainerStatuses()));
    return all.stream()
        .filter(s -> container.equals(s.getName()))
        .map(s -> s.getRestartCount() == null ? 0 : s.getRestartCount())
        .findFirst()
        .orElse(0);
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
