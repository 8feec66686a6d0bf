package dev.sidescope.views.console;

import dev.sidescope.topology.events.EventFeedState;
import dev.sidescope.topology.events.PlatformEvent;
import dev.sidescope.topology.logs.LogMask;
import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.source.EventFeeds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * The Events tab's state, without JavaFX: for the node inspected (a pod or task, a box of replicas,
 * or one container), what the platform said happened to it and its owners — failed probes,
 * back-offs, containers killed, a service that could not place a task — newest first, and above
 * them one sentence for each container that is not ready or has restarted: why, and since when.
 *
 * <p>A feed is open only while the tab shows and a node with workloads is inspected: it is closed
 * when the selection moves, the tab is left or the window closes. A selected container shows its
 * whole pod's events, as the Logs tab shows its whole pod's lines: a probe failing in the proxy
 * reads beside the app's back-off. Its own events are marked and its sentence comes first.
 *
 * <p>Threads: made, used and listened to on the view model's thread (the FX thread); the source's
 * deliveries come back to it through the window executor, and those of a feed closed meanwhile are
 * dropped.
 */
public final class EventsViewModel {
  /** What the tab says in a session with no event source (a manifest-only run). */
  public static final String NO_SOURCE =
      "No event source in this session: Sidescope reads no Kubernetes or ECS events in this run.";

  /** What the tab says with nothing inspected that has events. */
  public static final String NOTHING = "Select a pod, task or container to see its events.";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter DAY_TIME =
      DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT);

  private final Optional<EventFeeds> feeds;
  private final Executor window;
  private final Clock clock;

  private final Watched<String> heading = new Watched<>("");
  private final Watched<String> absent;
  private final Watched<String> state = new Watched<>("");
  private final Watched<List<String>> why = new Watched<>(List.of());
  private final Watched<List<EventRow>> rows = new Watched<>(List.of());
  private final Watched<Boolean> revealed = new Watched<>(false);

  private Target target;
  private boolean showing;
  private EventFeeds.Feed feed;

  /** Bumped with every feed opened or closed: what an older feed delivers is dropped. */
  private long round;

  private final Map<String, List<PlatformEvent>> events = new LinkedHashMap<>();
  private final Map<String, EventFeedState> states = new LinkedHashMap<>();

  /**
   * What is read: the workloads, the container of theirs a person selected (empty: all), and the
   * heading. The key names the workloads only: moving between a pod's containers keeps its feed.
   */
  private record Target(
      List<Workload> workloads, Optional<String> container, String heading, String key) {}

  /**
   * @param feeds the event source; empty in a session that has none
   * @param window back onto the view model's thread
   * @param clock what "3 min ago" is counted from, and the zone times are written in
   */
  public EventsViewModel(Optional<EventFeeds> feeds, Executor window, Clock clock) {
    this.feeds = Objects.requireNonNull(feeds, "feeds");
    this.window = Objects.requireNonNull(window, "window");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.absent = new Watched<>(feeds.isEmpty() ? NO_SOURCE : NOTHING);
  }

  // ---- what the tab shows

  /** What is read: "Pod ledger-7c9d8f6b5-x2k4q · payments", "ECS task 0123abcd · prod". */
  public Watched<String> heading() {
    return heading;
  }

  /** Why no events show (no source, nothing selected); empty while they do. */
  public Watched<String> absent() {
    return absent;
  }

  /** What the source says: "watching the pod's and its owners' events", or why it cannot. */
  public Watched<String> state() {
    return state;
  }

  /**
   * One sentence for each container that is not ready or has restarted, the one selected first:
   * "xray-daemon is not ready: Readiness probe failed: … (×41, last 12 s ago)".
   */
  public Watched<List<String>> why() {
    return why;
  }

  /** The events, newest first. */
  public Watched<List<EventRow>> rows() {
    return rows;
  }

  /** Secrets in messages shown as written, for this session only; never remembered. */
  public Watched<Boolean> revealed() {
    return revealed;
  }

  // ---- what the console tells it

  /**
   * A snapshot was shown or a node inspected: a new node closes the feed of the old one (and opens
   * its own while the tab shows); the same node keeps its feed, and its sentences follow the
   * containers' new states.
   */
  public void inspect(TopologySnapshot snapshot, Optional<String> node) {
    Optional<Target> t = targetOf(snapshot, node);
    String before = target == null ? null : target.key();
    String after = t.map(Target::key).orElse(null);
    if (!Objects.equals(before, after)) {
      closeFeed();
      events.clear();
      states.clear();
    }
    heading.set(t.map(Target::heading).orElse(""));
    target = t.orElse(null);
    reconcile();
    publish();
  }

  /** The tab was brought forward ({@code true}) or left. */
  public void showing(boolean shown) {
    this.showing = shown;
    reconcile();
    publish();
  }

  /** The window closes: the feed closes. */
  public void close() {
    showing = false;
    closeFeed();
  }

  public void setRevealed(boolean value) {
    revealed.set(value);
    publish();
  }

  /** Ctrl+C: the rows at these indexes as text, masked unless revealed. */
  public String copy(List<Integer> indexes) {
    List<EventRow> all = rows.get();
    return indexes.stream()
        .filter(i -> i >= 0 && i < all.size())
        .map(i -> all.get(i).text())
        .collect(Collectors.joining("\n"));
  }

  // ---- the feed

  private void reconcile() {
    boolean wanted = showing && target != null && feeds.isPresent();
    if (wanted && feed == null) {
      long mine = ++round;
      feed = feeds.get().open(target.workloads(), new BackToWindow(mine));
    } else if (!wanted && feed != null) {
      closeFeed();
    }
  }

  private void closeFeed() {
    round++;
    if (feed != null) {
      EventFeeds.Feed f = feed;
      feed = null;
      f.close();
    }
  }

  /** Hands what a source says to the view model's thread, where a closed feed's words are lost. */
  private final class BackToWindow implements EventFeeds.Sink {
    private final long mine;

    BackToWindow(long mine) {
      this.mine = mine;
    }

    @Override
    public void events(String workloadId, List<PlatformEvent> list) {
      List<PlatformEvent> copy = List.copyOf(list);
      window.execute(
          () -> {
            if (mine == round) {
              events.put(workloadId, copy);
              publish();
            }
          });
    }

    @Override
    public void state(EventFeedState said) {
      window.execute(
          () -> {
            if (mine == round) {
              states.put(said.workloadId(), said);
              publish();
            }
          });
    }
  }

  // ---- what is shown

  private void publish() {
    if (target == null) {
      absent.set(feeds.isEmpty() ? NO_SOURCE : NOTHING);
      state.set("");
      why.set(List.of());
      rows.set(List.of());
      return;
    }
    absent.set(feeds.isEmpty() ? NO_SOURCE : "");
    Instant now = clock.instant();
    List<PlatformEvent> shown =
        events.values().stream().flatMap(List::stream).sorted(PlatformEvent.NEWEST_FIRST).toList();
    rows.set(shown.stream().map(e -> row(e, now)).toList());
    why.set(sentences(shown, now));
    state.set(stateSentence());
  }

  private String stateSentence() {
    if (feeds.isEmpty()) {
      return "";
    }
    if (states.isEmpty()) {
      return showing ? "Reading events…" : "";
    }
    // The worst state first: a failure says why; otherwise what the first workload's source says.
    return states.values().stream()
        .min(Comparator.comparing(s -> rank(s.phase())))
        .map(EventFeedState::sentence)
        .orElse("");
  }

  private static int rank(EventFeedState.Phase phase) {
    return switch (phase) {
      case FAILED -> 0;
      case GONE -> 1;
      case CONNECTING -> 2;
      case LIVE -> 3;
    };
  }

  private EventRow row(PlatformEvent e, Instant now) {
    String about =
        e.container()
            .map(c -> c + (target.workloads().size() > 1 ? " of " + e.subjectName() : ""))
            .orElse(e.subjectKind() + " " + e.subjectName());
    String times =
        e.count() > 1
            ? "×" + Figures.count(e.count()) + " since " + time(e.first(), now, false)
            : "";
    return new EventRow(
        e,
        target.container().isPresent() && e.container().equals(target.container()),
        time(e.last(), now, true),
        e.type() == PlatformEvent.Type.WARNING,
        e.reason(),
        about,
        shownText(e.message()),
        times);
  }

  /**
   * The sentences above the rows: each container shown that is not ready says the newest probe
   * failure, each that restarted says how often and how its last run ended, each stopped ECS
   * container says why.
   */
  private List<String> sentences(List<PlatformEvent> shown, Instant now) {
    List<String> out = new ArrayList<>();
    Map<String, Container> containers = new LinkedHashMap<>();
    for (Workload w : target.workloads()) {
      target.container().flatMap(w::container).ifPresent(c -> containers.put(c.name(), c));
    }
    for (Workload w : target.workloads()) {
      for (Container c : w.containers()) {
        containers.putIfAbsent(c.name(), c);
      }
    }
    for (Container c : containers.values()) {
      ContainerState s = c.spec().state();
      boolean running = s.phase() == ContainerState.Phase.RUNNING;
      if (running && s.ready().equals(Optional.of(false))) {
        out.add(
            newest(shown, c.name(), "Unhealthy")
                .map(e -> c.name() + " is not ready: " + shownText(e.message()) + often(e, now))
                .orElse(
                    c.name()
                        + " is not ready; the platform has said nothing yet of why"
                        + " (a failed probe would show here)."));
      }
      int restarts = s.restarts().orElse(0);
      if (restarts > 0) {
        // The source's last termination says the count and how the last run ended.
        StringBuilder b =
            new StringBuilder(
                newest(shown, c.name(), "LastTermination")
                    .map(e -> shownText(e.message()))
                    .orElse(
                        c.name()
                            + " restarted "
                            + restarts
                            + (restarts == 1 ? " time" : " times")));
        newest(shown, c.name(), "BackOff")
            .ifPresent(
                e ->
                    b.append(b.charAt(b.length() - 1) == '.' ? " " : ". ")
                        .append("Backing off")
                        .append(e.count() > 1 ? " ×" + Figures.count(e.count()) : "")
                        .append(" since ")
                        .append(time(e.first(), now, false))
                        .append(", last ")
                        .append(ago(e.last(), now))
                        .append('.'));
        out.add(b.toString());
      }
      newest(shown, c.name(), "ContainerStopped")
          .ifPresent(e -> out.add(c.name() + " stopped: " + shownText(e.message())));
    }
    return List.copyOf(out);
  }

  private static Optional<PlatformEvent> newest(
      List<PlatformEvent> shown, String container, String reason) {
    return shown.stream()
        .filter(e -> e.container().equals(Optional.of(container)) && e.reason().equals(reason))
        .findFirst();
  }

  private String often(PlatformEvent e, Instant now) {
    return e.count() > 1
        ? " (×" + Figures.count(e.count()) + ", last " + ago(e.last(), now) + ")"
        : " (" + ago(e.last(), now) + ")";
  }

  private String shownText(String message) {
    return revealed.get() ? message : LogMask.mask(message);
  }

  private String time(Instant t, Instant now, boolean withAgo) {
    ZoneId zone = clock.getZone();
    LocalDate day = t.atZone(zone).toLocalDate();
    String written =
        day.equals(now.atZone(zone).toLocalDate())
            ? TIME.format(t.atZone(zone))
            : DAY_TIME.format(t.atZone(zone));
    return withAgo ? written + " (" + ago(t, now) + ")" : written;
  }

  private static String ago(Instant t, Instant now) {
    long s = Duration.between(t, now).getSeconds();
    return s < 1 ? "just now" : Figures.uptime(s) + " ago";
  }

  // ---- what a node stands for

  private static Optional<Target> targetOf(TopologySnapshot snapshot, Optional<String> node) {
    if (node.isEmpty()) {
      return Optional.empty();
    }
    String id = node.get();
    Optional<Workload> w = snapshot.workload(id);
    if (w.isPresent()) {
      return Optional.of(
          new Target(List.of(w.get()), Optional.empty(), LogViewModel.where(w.get()), id));
    }
    int slash = id.lastIndexOf('/');
    if (slash <= 0) {
      return Optional.empty();
    }
    Optional<Workload> owner = snapshot.workload(id.substring(0, slash));
    String name = id.substring(slash + 1);
    return owner.flatMap(
        o ->
            o.container(name)
                .map(
                    c -> new Target(List.of(o), Optional.of(name), LogViewModel.where(o), o.id())));
  }
}
