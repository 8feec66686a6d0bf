package dev.sidescope.app.runtime;

import dev.sidescope.topology.logs.LogStream;
import dev.sidescope.topology.logs.LogStreamState;
import dev.sidescope.topology.logs.LogTailRequest;
import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.source.LogTails;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The log tails of whichever sources run now, behind one {@link LogTails}: a request is split by
 * workload among the sources that serve them (the pod logs of a kube context, CloudWatch Logs of an
 * ECS region), so the console and {@code sidescope logs} ask one place for the app's and the
 * sidecars' lines of Kubernetes and ECS alike.
 *
 * <p>A workload that stands for several pods or tasks (a box of the picture grouped by workload or
 * Service) is read from all of them, as stern does.
 *
 * <p>A workload no running source serves gets one finished state per wanted container saying so,
 * delivered on the caller's thread before {@link #open} returns. One tail's sink is called by every
 * source the request was split among, each on its own threads, so a sink given here must be
 * thread-safe (the console's and the command line's are). Thread-safe: sources are added and
 * removed while tails run; a tail keeps the sources it was opened with.
 */
public final class LogRouter implements LogTails {
  private final List<LogTails> sources = new CopyOnWriteArrayList<>();
  private final Function<String, List<Workload>> membersOf;

  /**
   * @param membersOf the pods or tasks a workload id stands for; empty when it stands for itself
   */
  public LogRouter(Function<String, List<Workload>> membersOf) {
    this.membersOf = membersOf;
  }

  /** Routes to {@code source} from now on. */
  public void add(LogTails source) {
    sources.add(source);
  }

  /** Stops routing to {@code source}; its open tails are the caller's to close. */
  public void remove(LogTails source) {
    sources.remove(source);
  }

  @Override
  public boolean serves(Workload workload) {
    return sources.stream().anyMatch(s -> s.serves(workload));
  }

  @Override
  public Tail open(LogTailRequest request, Sink sink) {
    WorkloadSplit<LogTails> split =
        WorkloadSplit.of(request.workloads(), membersOf, sources, LogTails::serves);
    List<Tail> opened = new ArrayList<>();
    split
        .assigned()
        .forEach(
            (source, mine) ->
                opened.add(
                    source.open(
                        new LogTailRequest(
                            mine,
                            request.containers(),
                            request.since(),
                            request.tailLines(),
                            request.follow(),
                            request.previous()),
                        sink)));
    for (Workload workload : split.unserved()) {
      for (Container container : workload.containers()) {
        if (request.wants(container)) {
          sink.state(
              LogStreamState.of(
                  new LogStream(
                      workload.spec().platform() == Platform.ECS
                          ? LogStream.CLOUDWATCH
                          : LogStream.KUBERNETES,
                      workload.id(),
                      workload.name(),
                      container.spec().name(),
                      request.previous()),
                  LogStreamState.Phase.FAILED,
                  "no log source reads " + workload.spec().source() + " in this session"));
        }
      }
    }
    return () -> opened.forEach(Tail::close);
  }
}
