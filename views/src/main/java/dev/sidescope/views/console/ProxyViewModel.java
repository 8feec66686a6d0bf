package dev.sidescope.views.console;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.proxy.ConfigTree;
import dev.sidescope.topology.model.proxy.ProxyReading;
import dev.sidescope.topology.model.proxy.StatSeries;
import dev.sidescope.topology.source.ProxyQueries;
import dev.sidescope.views.NoProxies;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Envoy tab's state, without JavaFX: for the proxy sidecar inspected (the container itself, the
 * first proxy sidecar of a pod, task or box, or a proxy drawn on its own), what its last reading in
 * the snapshot says — its server and its upstream clusters — or why there is none; its stats that
 * match a search, with their recent values; and, once asked for, its configuration as a tree.
 *
 * <p>Threads: made, used and listened to on the view model's thread (the FX thread). Questions go
 * to the {@link ProxyQueries}, which answer on their own threads; answers come back through the
 * window executor and are dropped when the sidecar (or the search) changed meanwhile. The stats are
 * asked when the tab opens, when the search changes, and again with each snapshot while the tab is
 * open — a refresh is dropped while the last question is still out. The configuration is asked only
 * when a person asks for it.
 */
public final class ProxyViewModel {
  /** Stats asked for in one search. */
  public static final int STAT_LIMIT = 200;

  private final ProxyQueries queries;
  private final Executor window;

  private final Watched<Optional<ProxyOverview>> overview = new Watched<>(Optional.empty());
  private final Watched<String> statsSearch = new Watched<>("");
  private final Watched<Reply<List<StatRow>>> stats = new Watched<>(Reply.none());
  private final Watched<Reply<ConfigTree>> config = new Watched<>(Reply.none());

  private String subject;

  /**
   * What the proxy source calls the sidecar: its reading's own subject, which is the pod's
   * container id even where the picture groups pods and shows the reading under the box's.
   */
  private String sourceSubject;

  private boolean read;
  private boolean open;

  /** Bumped with every new sidecar: answers of an older one are dropped. */
  private long round;

  /** Bumped with every stats question. */
  private long statsRound;

  /** A stats question is out and its answer not in. */
  private boolean statsPending;

  /** Bumped with every configuration question. */
  private long configRound;

  /**
   * @param window back onto the view model's thread
   */
  ProxyViewModel(ProxyQueries queries, Executor window) {
    this.queries = queries;
    this.window = window;
  }

  // ---- what the tab shows

  /** The sidecar, its server and upstreams; empty when no proxy sidecar is inspected. */
  public Watched<Optional<ProxyOverview>> overview() {
    return overview;
  }

  /** The text the stats are searched for. */
  public Watched<String> statsSearch() {
    return statsSearch;
  }

  /** The stats that match the search. */
  public Watched<Reply<List<StatRow>>> stats() {
    return stats;
  }

  /** The configuration; {@link Reply.State#NONE} until a person asks for it. */
  public Watched<Reply<ConfigTree>> config() {
    return config;
  }

  /** The subject asked about: the sidecar's reading subject, where one is inspected. */
  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  /** Whether the Envoy tab shows: the node is a proxy sidecar, holds one, or is a proxy. */
  static boolean proxied(TopologySnapshot snapshot, Optional<String> node) {
    return subjectOf(snapshot, node).isPresent();
  }

  /**
   * The reading subject for a node: a node with a reading of its own (a proxy sidecar, or a proxy
   * known only by its admin URL); a proxy sidecar container; the first proxy sidecar of a pod, task
   * or box.
   */
  static Optional<String> subjectOf(TopologySnapshot snapshot, Optional<String> node) {
    if (node.isEmpty()) {
      return Optional.empty();
    }
    String id = node.get();
    if (snapshot.overlays().get(id, OverlayKeys.PROXY_READINGS).isPresent()
        || id.startsWith(ProxyReading.unmatchedSubject(""))) {
      return node;
    }
    Optional<Workload> box = snapshot.workload(id);
    if (box.isPresent()) {
      return box.get().containers().stream()
          .filter(ProxyViewModel::isProxy)
          .findFirst()
          .map(Container::id);
    }
    return container(snapshot, id).filter(c -> isProxy(c.container())).map(c -> id);
  }

  private static boolean isProxy(Container c) {
    return c.kind().map(SidecarKind::isMeshProxy).orElse(false);
  }

  private record Located(Workload workload, Container container) {}

  private static Optional<Located> container(TopologySnapshot snapshot, String id) {
    int slash = id.lastIndexOf('/');
    if (slash <= 0) {
      return Optional.empty();
    }
    return snapshot
        .workload(id.substring(0, slash))
        .flatMap(w -> w.container(id.substring(slash + 1)).map(c -> new Located(w, c)));
  }

  // ---- what the console tells it

  /**
   * A snapshot was shown or a node inspected: the server and upstreams follow the snapshot; a new
   * sidecar starts afresh (its configuration unasked, its stats asked when the tab is open); the
   * same sidecar keeps what is shown, and its stats are asked again while the tab is open.
   */
  void inspect(TopologySnapshot shown, Optional<String> inspected) {
    Optional<String> about = subjectOf(shown, inspected);
    if (about.isEmpty()) {
      if (subject != null) {
        subject = null;
        read = false;
        round++;
        statsPending = false;
        overview.set(Optional.empty());
        stats.set(Reply.none());
        config.set(Reply.none());
      }
      return;
    }
    boolean same = about.get().equals(subject);
    sourceSubject =
        shown
            .overlays()
            .get(about.get(), OverlayKeys.PROXY_READINGS)
            .map(ProxyReading::subject)
            .orElse(about.get());
    ProxyOverview o = overviewOf(shown, about.get());
    read = o.server().isPresent();
    if (!same) {
      subject = about.get();
      round++;
      statsPending = false;
      config.set(Reply.none());
      stats.set(Reply.none());
      overview.set(Optional.of(o));
      if (open) {
        askStats(true);
      }
      return;
    }
    overview.set(Optional.of(o));
    if (open && !statsPending) {
      askStats(stats.get().state() == Reply.State.NONE);
    }
  }

  // ---- what a person does in the tab

  /** The tab was brought forward ({@code true}) or left. */
  public void tabOpen(boolean shown) {
    open = shown;
    if (shown && subject != null && stats.get().state() == Reply.State.NONE) {
      askStats(true);
    }
  }

  /** Searches the stats for this text (all of them, when it is blank). */
  public void searchStats(String text) {
    if (text.equals(statsSearch.get()) && stats.get().state() != Reply.State.NONE) {
      return;
    }
    statsSearch.set(text);
    if (subject != null) {
      askStats(true);
    }
  }

  /** Asks the proxy for its configuration. */
  public void loadConfiguration() {
    if (subject == null) {
      return;
    }
    long mine = ++configRound;
    long sidecar = round;
    String about = sourceSubject;
    config.set(Reply.asking("Reading the configuration…"));
    answer(
        call(() -> queries.configDump(about)),
        () -> mine == configRound && sidecar == round,
        tree -> config.set(Reply.ready(tree)),
        why -> config.set(Reply.failed(why)));
  }

  // ---- questions and answers

  /**
   * Asks for the stats that match the search. A new search (or sidecar) shows "asking" meanwhile; a
   * refresh keeps what is shown until its answer arrives.
   */
  private void askStats(boolean fresh) {
    if (!read) {
      stats.set(Reply.none()); // nothing read: the tab says why, and no question is asked
      return;
    }
    long mine = ++statsRound;
    long sidecar = round;
    String about = sourceSubject;
    String text = statsSearch.get();
    statsPending = true;
    if (fresh) {
      stats.set(Reply.asking("Asking for stats…"));
    }
    answer(
        call(() -> queries.stats(about, text, STAT_LIMIT)),
        () -> mine == statsRound && sidecar == round,
        found -> {
          statsPending = false;
          stats.set(Reply.ready(rows(found)));
        },
        why -> {
          statsPending = false;
          stats.set(Reply.failed(why));
        });
  }

  private static List<StatRow> rows(List<StatSeries> found) {
    return found.stream().map(StatRow::of).toList();
  }

  /** A question asked: one that throws at once is a failed answer like any other. */
  private static <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> q) {
    try {
      return q.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Hands an answer to the view model's thread; there it is used only while {@code current} still
   * holds.
   */
  private <T> void answer(
      CompletableFuture<T> future,
      BooleanSupplier current,
      Consumer<T> ready,
      Consumer<String> failed) {
    future.whenComplete(
        (value, error) -> {
          try {
            window.execute(
                () -> {
                  if (!current.getAsBoolean()) {
                    return; // the sidecar or the search moved on: a stale answer
                  }
                  if (error != null) {
                    failed.accept(sentence(error));
                  } else {
                    ready.accept(value);
                  }
                });
          } catch (RuntimeException closing) {
            // The window is closing; nobody is waiting for the answer.
          }
        });
  }

  /** The failure's own sentence, as the port promises one. */
  static String sentence(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return "The proxy source did not answer (" + e.getClass().getSimpleName() + ").";
    }
    return m.lines().findFirst().orElse(m).strip();
  }

  // ---- from the snapshot

  private ProxyOverview overviewOf(TopologySnapshot snapshot, String about) {
    Optional<ProxyReading> reading = snapshot.overlays().get(about, OverlayKeys.PROXY_READINGS);
    Optional<Located> at = container(snapshot, about);
    String heading =
        at.map(l -> l.container().name())
            .or(() -> reading.map(r -> r.server().name()))
            .or(() -> snapshot.node(about).map(n -> n.label()))
            .orElse(about);
    String subtitle =
        at.map(l -> where(l.workload()))
            .orElseGet(() -> "proxy · " + reading.map(ProxyReading::admin).orElse(about));
    if (reading.isPresent()) {
      List<UpstreamRow> rows =
          reading.get().upstreams().stream()
              .map(UpstreamRow::of)
              .sorted(UpstreamRow.DEFAULT_ORDER)
              .toList();
      return new ProxyOverview(
          heading, subtitle, Optional.of(ProxyServerView.of(reading.get())), "", rows);
    }
    return new ProxyOverview(
        heading, subtitle, Optional.empty(), whyNotRead(snapshot, at), List.of());
  }

  private static String where(Workload w) {
    String kind = w.platform() == Platform.ECS ? "ECS task " : "Pod ";
    String name = w.replicas() > 1 ? w.owner().orElse(w.name()) + " ×" + w.replicas() : w.name();
    return kind + name + " · " + w.namespace();
  }

  /** One sentence on why a proxy sidecar has no reading. */
  private String whyNotRead(TopologySnapshot snapshot, Optional<Located> at) {
    if (queries instanceof NoProxies) {
      return NoProxies.SENTENCE;
    }
    if (at.isPresent() && at.get().workload().platform() == Platform.ECS) {
      return "Not read: Sidescope cannot reach the admin port of a sidecar in an ECS task;"
          + " --envoy-admin URL reads it where its address can be reached.";
    }
    Optional<SourceStatus> source =
        snapshot.sources().stream()
            .filter(s -> s.id().toLowerCase(Locale.ROOT).startsWith("envoy"))
            .filter(s -> s.status() != SourceState.LIVE)
            .findFirst();
    if (source.isPresent() && source.get().message().isPresent()) {
      return "Not read yet: " + source.get().message().get();
    }
    return "Not read yet: the proxy source has not polled this sidecar's admin API so far.";
  }
}
