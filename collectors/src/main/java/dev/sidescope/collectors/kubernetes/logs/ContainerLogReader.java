package dev.sidescope.collectors.kubernetes.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.collectors.logs.TailSink;
import dev.sidescope.topology.logs.LineAssembler;
import dev.sidescope.topology.logs.LogStream;
import dev.sidescope.topology.logs.LogStreamState.Phase;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one container's log on one thread of {@link PodLogTails}: asks for it, hands its lines to
 * the tail a read at a time, and, while following, asks again when the response ends or breaks
 * while the container lives: after 1 s, doubling to 30 s, from the last line's time. A followed
 * response that sends no byte for the idle limit is taken for a dead connection: it is aborted and
 * asked for again the same way. Anything unexpected ends the stream {@code FAILED} with one
 * sentence; the details go to the log file.
 */
final class ContainerLogReader implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerLogReader.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int READ_SIZE = 64 * 1024;

  private final TailSink sink;
  private final KubernetesClient client;
  private final LogStream stream;
  private final PodLogQuery query;
  private final PodLogTails.Timing timing;
  private final Clock clock;
  private final ScheduledExecutorService watchdog;
  private volatile CompletableFuture<?> request;
  private volatile long lastByteNanos;
  private volatile boolean idle;
  private volatile InputStream body;
  private long delivered;

  ContainerLogReader(
      TailSink sink,
      KubernetesClient client,
      LogStream stream,
      PodLogQuery query,
      PodLogTails.Timing timing,
      Clock clock,
      ScheduledExecutorService watchdog) {
    this.sink = sink;
    this.client = client;
    this.stream = stream;
    this.query = query;
    this.timing = timing;
    this.clock = clock;
    this.watchdog = watchdog;
  }

  @Override
  public void run() {
    try {
      read();
    } catch (RuntimeException e) {
      LOG.warn("Reading the log of {} failed unexpectedly", where(), e);
      sink.state(
          stream,
          Phase.FAILED,
          "reading the log of "
              + where()
              + " failed unexpectedly; the details are in the log file");
    }
  }

  private void read() {
    PodLogLines lines = new PodLogLines(stream, clock);
    Duration backoff = timing.firstBackoff();
    PodLogQuery current = query;
    sink.state(stream, Phase.CONNECTING, "asking for the log of " + where());
    while (!sink.isClosed()) {
      long before = delivered;
      PodLogFailure failure = readOnce(current, lines);
      if (sink.isClosed() || Thread.currentThread().isInterrupted()) {
        return;
      }
      if (delivered > before) {
        backoff = timing.firstBackoff();
      }
      if (failure == null) {
        if (!current.follow()) {
          sink.state(stream, Phase.ENDED, "read " + delivered + " lines of " + where());
          return;
        }
        if (finishedAfterEnd()) {
          return;
        }
        failure =
            new PodLogFailure(
                Phase.RECONNECTING, "the log stream of " + where() + " ended while it runs");
      }
      if (!failure.worthRetrying() || !current.follow()) {
        Phase phase = failure.phase() == Phase.RECONNECTING ? Phase.FAILED : failure.phase();
        sink.state(stream, phase, failure.sentence());
        return;
      }
      sink.state(
          stream,
          Phase.RECONNECTING,
          failure.sentence() + "; asking again in " + seconds(backoff) + " s");
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      backoff = min(backoff.multipliedBy(2), timing.maxBackoff());
      if (lines.lastTime() != null) {
        current = query.resumedAt(lines.lastTime());
        lines.resuming();
      }
    }
  }

  /** Stops the current request and its reading, from the thread that closes the tail. */
  void abort() {
    CompletableFuture<?> r = request;
    if (r != null) {
      r.cancel(true);
    }
    InputStream in = body;
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // Closing only ends the read sooner; the thread is interrupted as well.
      }
    }
  }

  /** One request read to its end; null when it ended normally, else why not. */
  private PodLogFailure readOnce(PodLogQuery q, PodLogLines lines) {
    HttpClient http = client.getHttpClient();
    HttpRequest get =
        http.newHttpRequestBuilder()
            .uri(client.getMasterUrl().toString().replaceAll("/+$", "") + "/" + q.pathAndQuery())
            .forStreaming()
            .build();
    CompletableFuture<HttpResponse<InputStream>> answer = http.sendAsync(get, InputStream.class);
    request = answer;
    if (sink.isClosed()) {
      answer.cancel(true);
      return null;
    }
    HttpResponse<InputStream> response;
    try {
      response = answer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | CancellationException e) {
      return unreachable(e);
    }
    try (InputStream in = response.body()) {
      if (!response.isSuccessful()) {
        return PodLogFailure.of(response.code(), statusMessage(in), q);
      }
      body = in;
      if (sink.isClosed()) {
        return null;
      }
      sink.state(stream, Phase.LIVE, (q.follow() ? "following " : "reading ") + where());
      ScheduledFuture<?> watch = q.follow() ? watchIdle(in) : null;
      try {
        LineAssembler assembler = new LineAssembler(lines::accept);
        byte[] buffer = new byte[READ_SIZE];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          lastByteNanos = System.nanoTime();
          assembler.feed(buffer, 0, n);
          deliver(lines);
        }
        if (idle) {
          return idleFailure();
        }
        assembler.finish();
        deliver(lines);
        return null;
      } finally {
        if (watch != null) {
          watch.cancel(false);
        }
      }
    } catch (IOException e) {
      return sink.isClosed() ? null : idle ? idleFailure() : unreachable(e);
    } finally {
      body = null;
      idle = false;
    }
  }

  /**
   * Checks the response now and then, a few times within the idle limit; when no byte has come for
   * the whole limit, marks it idle and aborts it, which ends the read.
   */
  private ScheduledFuture<?> watchIdle(InputStream in) {
    long limit = timing.idleLimit().toNanos();
    long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), limit / 4);
    lastByteNanos = System.nanoTime();
    idle = false;
    try {
      return watchdog.scheduleAtFixedRate(
          () -> {
            if (!idle && System.nanoTime() - lastByteNanos >= limit) {
              idle = true;
              abort();
              try {
                in.close();
              } catch (IOException e) {
                // The read ends all the same, with an error.
              }
            }
          },
          period,
          period,
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The tails are closing: this read is aborted anyway.
      return null;
    }
  }

  private PodLogFailure idleFailure() {
    return new PodLogFailure(
        Phase.RECONNECTING,
        "no byte of the log of "
            + where()
            + " came for "
            + seconds(timing.idleLimit())
            + " s; the connection is taken for dead");
  }

  private void deliver(PodLogLines lines) {
    var batch = lines.drain();
    delivered += batch.size();
    sink.lines(batch);
  }

  /**
   * After a followed response ended: says whether the pod or container is gone or finished (and
   * reports it), by reading the pod. When the pod cannot be read, the stream is asked for again.
   */
  private boolean finishedAfterEnd() {
    Pod pod;
    try {
      pod = client.pods().inNamespace(query.namespace()).withName(query.pod()).get();
    } catch (KubernetesClientException e) {
      return false;
    }
    if (pod == null) {
      sink.state(
          stream,
          Phase.GONE,
          "pod " + query.pod() + " no longer exists in namespace " + query.namespace());
      return true;
    }
    String container = query.container();
    boolean declared =
        pod.getSpec() != null
            && Stream.concat(
                    pod.getSpec().getContainers().stream(),
                    pod.getSpec().getInitContainers().stream())
                .map(Container::getName)
                .anyMatch(container::equals);
    if (!declared) {
      sink.state(stream, Phase.GONE, "pod " + query.pod() + " has no container " + container);
      return true;
    }
    String phase = pod.getStatus() == null ? "" : String.valueOf(pod.getStatus().getPhase());
    if (phase.equals("Succeeded") || phase.equals("Failed")) {
      sink.state(
          stream,
          Phase.ENDED,
          "pod " + query.pod() + " has finished (" + phase + "); read " + delivered + " lines");
      return true;
    }
    Optional<ContainerStatus> status =
        pod.getStatus() == null
            ? Optional.empty()
            : Stream.concat(
                    pod.getStatus().getContainerStatuses().stream(),
                    pod.getStatus().getInitContainerStatuses().stream())
                .filter(s -> container.equals(s.getName()))
                .findFirst();
    boolean exitedForGood =
        status.map(s -> s.getState() != null && s.getState().getTerminated() != null).orElse(false)
            && "Never".equals(pod.getSpec().getRestartPolicy());
    if (exitedForGood) {
      sink.state(stream, Phase.ENDED, where() + " has exited; read " + delivered + " lines");
      return true;
    }
    return false;
  }

  private PodLogFailure unreachable(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof ConnectException) {
        break;
      }
      root = root.getCause();
    }
    String why =
        root instanceof ConnectException
            ? "connection refused"
            : root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return new PodLogFailure(
        Phase.RECONNECTING,
        "cannot read the log of " + where() + " from " + client.getMasterUrl() + ": " + why);
  }

  /** The {@code message} of the API server's {@code Status}, else the answer's first line. */
  private static String statusMessage(InputStream in) throws IOException {
    String text = new String(in.readNBytes(16 * 1024), StandardCharsets.UTF_8);
    try {
      JsonNode status = JSON.readTree(text);
      if (status != null && status.hasNonNull("message")) {
        return status.get("message").asText();
      }
    } catch (IOException e) {
      // Not a Status document: the text itself says what happened.
    }
    return text.lines().findFirst().orElse("").strip();
  }

  private String where() {
    return stream.container() + " in pod " + query.pod();
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
