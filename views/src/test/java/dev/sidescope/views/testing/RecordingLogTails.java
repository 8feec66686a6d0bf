package dev.sidescope.views.testing;

import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogStream;
import dev.sidescope.topology.logs.LogStreamState;
import dev.sidescope.topology.logs.LogTailRequest;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.source.LogTails;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A {@link LogTails} that records every tail asked for and lets a test write into it as a source
 * would: lines and states through the sink it was given, on the test's thread (or any other).
 */
public final class RecordingLogTails implements LogTails {
  /** A tail asked for: the request, the sink to write to, whether it was closed. */
  public static final class Opened implements Tail {
    public final LogTailRequest request;
    public final Sink sink;
    private final AtomicBoolean closed = new AtomicBoolean();

    Opened(LogTailRequest request, Sink sink) {
      this.request = request;
      this.sink = sink;
    }

    @Override
    public void close() {
      closed.set(true);
    }

    public boolean closed() {
      return closed.get();
    }

    /** Says a stream is live. */
    public Opened live(LogStream stream) {
      sink.state(LogStreamState.of(stream, LogStreamState.Phase.LIVE, "live"));
      return this;
    }

    /** Writes one line. */
    public Opened line(LogStream stream, Instant time, String text) {
      sink.lines(List.of(new LogLine(time, stream, text)));
      return this;
    }

    /** Writes {@code n} lines, a millisecond apart from {@code start}, as one batch. */
    public Opened lines(LogStream stream, Instant start, int n, String prefix) {
      List<LogLine> batch = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        batch.add(new LogLine(start.plusMillis(i), stream, prefix + i));
      }
      sink.lines(batch);
      return this;
    }
  }

  public final List<Opened> opened = new CopyOnWriteArrayList<>();
  private final Predicate<Workload> serves;

  public RecordingLogTails() {
    this(w -> true);
  }

  public RecordingLogTails(Predicate<Workload> serves) {
    this.serves = serves;
  }

  @Override
  public boolean serves(Workload workload) {
    return serves.test(workload);
  }

  @Override
  public Tail open(LogTailRequest request, Sink sink) {
    Opened o = new Opened(request, sink);
    opened.add(o);
    return o;
  }

  /** The last tail asked for. */
  public Opened last() {
    return opened.get(opened.size() - 1);
  }

  /** Tails asked for and not closed. */
  public List<Opened> open() {
    return opened.stream().filter(o -> !o.closed()).toList();
  }

  /** A Kubernetes stream of a pod's container. */
  public static LogStream stream(String workloadId, String container) {
    String pod = workloadId.substring(workloadId.lastIndexOf('/') + 1);
    return new LogStream(LogStream.KUBERNETES, workloadId, pod, container, false);
  }
}
