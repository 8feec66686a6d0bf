package dev.sidescope.views.console;

import dev.sidescope.topology.logs.LogStream;
import dev.sidescope.topology.logs.LogStreamState;
import dev.sidescope.topology.logs.LogTailRequest;
import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.source.LogTails;
import dev.sidescope.views.logs.LogCopy;
import dev.sidescope.views.logs.LogList;
import dev.sidescope.views.logs.LogSession;
import dev.sidescope.views.logs.LogText;
import dev.sidescope.views.logs.ShownLine;
import dev.sidescope.views.logs.TimeJump;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The Logs tab's state, without JavaFX: for the node inspected (a pod or task, a box of replicas —
 * all of them tailed at once — or one container), its streams' states and their lines merged by
 * time; following or paused; a search; the line selected with its fields; secrets masked unless a
 * person reveals them for the session.
 *
 * <p>A tail is open only while the tab shows and a node with workloads is inspected: it is closed
 * when the selection moves, the tab is left or the window closes. The source writes into a {@link
 * LogSession} on its own threads (a flood gate and a bounded ring per stream) and calls {@link
 * #onWake}'s runnable once when something waits; the window then calls {@link #pulse()} on each
 * pulse, which drains at most {@link #LINES_PER_PULSE} lines and hands the list control one {@link
 * LogList.Edit}, until nothing waits.
 *
 * <p>Threads: made, used and listened to on the view model's thread (the FX thread); only the
 * wake-up runs on the source's threads.
 */
public final class LogViewModel {
  /** Lines moved from the rings into the list per pulse, at most: bounded work per frame. */
  public static final int LINES_PER_PULSE = 16_384;

  /** What the tab says in a session with no log source (a manifest-only run). */
  public static final String NO_SOURCE =
      "No log source in this session: Sidescope reads no container logs in this run.";

  /** What the tab says with nothing inspected that has logs. */
  public static final String NOTHING = "Select a pod, task or container to see its logs.";

  /** What the tab says while its logs show in a window of their own. */
  public static final String DETACHED =
      "These logs show in their own window; select another node to tail it here.";

  private static final DateTimeFormatter STRIP_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);

  private final Optional<LogTails> tails;
  private final int bufferLines;
  private final LogText text;
  private final ZoneId zone;
  private final LongSupplier nanoTime;

  private final Watched<String> heading = new Watched<>("");
  private final Watched<String> absent = new Watched<>(NOTHING);
  private final Watched<List<LogStreamRow>> streams = new Watched<>(List.of());
  private final Watched<Boolean> following = new Watched<>(true);
  private final Watched<Boolean> revealed = new Watched<>(false);
  private final Watched<Boolean> wrap = new Watched<>(false);
  private final Watched<Boolean> columns = new Watched<>(false);
  private final Watched<String> search = new Watched<>("");
  private final Watched<String> found = new Watched<>("");
  private final Watched<String> counts = new Watched<>("");
  private final Watched<Optional<LogLineDetails>> details = new Watched<>(Optional.empty());
  private final List<Consumer<LogList.Edit>> editListeners = new ArrayList<>();

  private volatile Runnable wake = () -> {};
  private Consumer<String> traceOpener = id -> {};

  private LogList list;
  private Target target;
  private LogSession session;
  private boolean showing;
  private boolean pinned;
  private String detachedKey;
  private final Map<LogStream, LogStreamState> states = new LinkedHashMap<>();
  private final Set<String> previousAsked = new HashSet<>();
  private final Map<LogStream, String> tags = new HashMap<>();
  private boolean oneOwner = true;
  private Map<String, Integer> restarts = Map.of();
  private String previousWaiting;

  /** The pods, tasks or boxes the open tail reads. */
  private List<Workload> opened = List.of();

  private int selected = -1;
  private ShownLine selectedLine;
  private long receivedBefore;
  private long droppedBefore;

  /** What is tailed: the workloads, the containers of theirs (empty: all), and its heading. */
  private record Target(List<Workload> workloads, Set<String> containers, String heading) {
    String key() {
      StringBuilder k = new StringBuilder();
      workloads.forEach(w -> k.append(w.id()).append('\n'));
      new TreeSet<>(containers).forEach(c -> k.append('/').append(c));
      return k.toString();
    }
  }

  /**
   * @param tails the log source; empty in a session that has none
   * @param bufferLines the lines kept per stream's ring, and in the list ({@code
   *     logs.buffer.lines})
   * @param zone the time zone lines and jumps are written in
   * @param nanoTime the clock the flood gates count by
   */
  public LogViewModel(
      Optional<LogTails> tails, int bufferLines, LogText text, ZoneId zone, LongSupplier nanoTime) {
    this.tails = tails;
    this.bufferLines = bufferLines;
    this.text = text;
    this.zone = zone;
    this.nanoTime = nanoTime;
    this.list = new LogList(bufferLines);
    updateAbsent();
  }

  // ---- what the tab shows

  /**
   * What is tailed: "Pod order-service-5f7c9-abcde · shop", "Deployment/order-service ×3 · shop".
   */
  public Watched<String> heading() {
    return heading;
  }

  /** Why no lines show (no source, nothing selected, shown elsewhere); empty while they do. */
  public Watched<String> absent() {
    return absent;
  }

  /** A row per stream: its colour, where it stands, the source's sentence. */
  public Watched<List<LogStreamRow>> streams() {
    return streams;
  }

  /** Whether the list scrolls to each new line; scrolling up pauses, End follows again. */
  public Watched<Boolean> following() {
    return following;
  }

  /** Secrets shown as written, for this session only; never remembered. */
  public Watched<Boolean> revealed() {
    return revealed;
  }

  public Watched<Boolean> wrap() {
    return wrap;
  }

  /** One column per container instead of one merged list. */
  public Watched<Boolean> columns() {
    return columns;
  }

  public Watched<String> search() {
    return search;
  }

  /** What the search found: "3 of 41", or that nothing holds it. */
  public Watched<String> found() {
    return found;
  }

  /** "10,000 lines · 1,234 dropped". */
  public Watched<String> counts() {
    return counts;
  }

  /** The line selected, with its fields. */
  public Watched<Optional<LogLineDetails>> details() {
    return details;
  }

  /** The lines shown, oldest first: a view that changes with each edit. */
  public List<ShownLine> lines() {
    return list.lines();
  }

  /** Tells {@code listener} of every change of {@link #lines()}, one edit a pulse. */
  public void onEdit(Consumer<LogList.Edit> listener) {
    editListeners.add(listener);
  }

  /**
   * How a line is tagged in the merged list: {@code owner/container}, the owner shortened to what
   * tells replicas apart (a pod's last name part, {@code x2k4q}; an ECS task id's first 8
   * characters), or the container alone when every stream is of one owner.
   */
  public String tag(LogStream stream) {
    String tag = tags.get(stream);
    if (tag == null) {
      String container = stream.container() + (stream.previous() ? " (previous)" : "");
      tag = oneOwner ? container : shortOwner(stream.owner()) + "/" + container;
      tags.put(stream, tag);
    }
    return tag;
  }

  static String shortOwner(String owner) {
    int dash = owner.lastIndexOf('-');
    if (dash >= 0 && dash < owner.length() - 1) {
      return owner.substring(dash + 1);
    }
    return owner.length() > 8 ? owner.substring(0, 8) : owner;
  }

  /** How lines' texts are read and masked. */
  public LogText text() {
    return text;
  }

  // ---- what the console tells it

  /** Called on a source's thread when lines or states wait: the window then asks for pulses. */
  public void onWake(Runnable value) {
    this.wake = value;
  }

  /** Where a trace id in a line goes: the Traffic tab, which opens it. */
  void onTrace(Consumer<String> opener) {
    this.traceOpener = opener;
  }

  /** Whether the Logs tab shows for a node: a pod, task, box or container. */
  static boolean logged(TopologySnapshot snapshot, Optional<String> node) {
    return targetOf(snapshot, node).isPresent();
  }

  /**
   * A snapshot was shown or a node inspected: a new node closes the tail of the old one (and opens
   * its own while the tab shows); the same node keeps its tail.
   */
  public void inspect(TopologySnapshot snapshot, Optional<String> node) {
    if (pinned) {
      return;
    }
    Optional<Target> t = targetOf(snapshot, node);
    restarts = t.map(LogViewModel::restartsOf).orElse(Map.of());
    String before = target == null ? null : target.key();
    String after = t.map(Target::key).orElse(null);
    if (!Objects.equals(before, after)) {
      closeSession();
      target = t.orElse(null);
      detachedKey = null;
      previousAsked.clear();
      previousWaiting = null;
      heading.set(target == null ? "" : target.heading());
      following.set(true);
      search.set("");
      found.set("");
    }
    reconcile();
    publishRows();
  }

  /** The tab was brought forward ({@code true}) or left, or its window shown or closed. */
  public void showing(boolean shown) {
    this.showing = shown;
    reconcile();
  }

  /** The window closes: every tail closes. */
  public void close() {
    showing = false;
    closeSession();
  }

  // ---- the pulse

  /**
   * Drains what the source wrote since the last pulse: states into the rows, at most {@link
   * #LINES_PER_PULSE} lines into the list as one edit. FX thread.
   *
   * @return whether more waits, so another pulse is wanted
   */
  public boolean pulse() {
    LogSession s = session;
    if (s == null) {
      return false;
    }
    List<LogStreamState> said = s.drainStates();
    if (!said.isEmpty()) {
      for (LogStreamState st : said) {
        states.put(st.stream(), st);
      }
      publishRows();
    }
    List<ShownLine> batch = new ArrayList<>(Math.min(LINES_PER_PULSE, 1024));
    s.drainLines(batch, LINES_PER_PULSE);
    if (!batch.isEmpty()) {
      LogList.Edit edit = list.add(batch);
      if (selected >= 0) {
        follow(edit);
      }
      fire(edit);
      updateCounts();
    }
    return s.waiting();
  }

  // ---- what a person does in the tab

  /** Scrolling up, or a line picked: the list holds still while lines keep coming. */
  public void pause() {
    following.set(false);
  }

  /** End: the list follows the newest line again. */
  public void follow() {
    following.set(true);
  }

  public void setRevealed(boolean value) {
    revealed.set(value);
    if (!search.get().isEmpty()) {
      updateFound();
    }
  }

  public void setWrap(boolean value) {
    wrap.set(value);
  }

  public void setColumns(boolean value) {
    columns.set(value);
  }

  /** A line picked: its fields show under the lines. */
  public void select(int index) {
    if (index < 0 || index >= list.size()) {
      selected = -1;
      selectedLine = null;
      details.set(Optional.empty());
      return;
    }
    selected = index;
    ShownLine l = list.lines().get(index);
    selectedLine = l;
    details.set(
        Optional.of(
            new LogLineDetails(
                index,
                STRIP_TIME.format(l.time().atZone(zone)),
                l.stream().label(),
                l.facts(text))));
  }

  /** The search text changed: says how many lines hold it. */
  public void searchFor(String query) {
    search.set(query);
    updateFound();
  }

  /**
   * Enter (forward) or Shift+Enter: the next line that holds the search, from the line selected; it
   * is selected and the list pauses there.
   *
   * @return where it is, for the list to scroll to
   */
  public OptionalInt nextMatch(boolean forward) {
    OptionalInt at = list.find(search.get(), selected, forward, this::shownText);
    if (at.isEmpty()) {
      updateFound();
      return at;
    }
    pause();
    select(at.getAsInt());
    updateFound();
    return at;
  }

  /**
   * Jumps to the first line written at or after the time typed ({@code 14:03:12} or ISO); it is
   * selected and the list pauses there.
   *
   * @return where it is; empty (with a sentence in {@link #found()}) when the text is not a time or
   *     no line is that recent
   */
  public OptionalInt jumpTo(String when) {
    Instant newest = list.size() == 0 ? Instant.now() : list.lines().get(list.size() - 1).time();
    Optional<Instant> t = TimeJump.parse(when, zone, newest);
    if (t.isEmpty()) {
      found.set(TimeJump.FORMATS);
      return OptionalInt.empty();
    }
    OptionalInt at = list.firstAtOrAfter(t.get());
    if (at.isEmpty()) {
      found.set("No line at or after " + when.strip() + ".");
      return at;
    }
    pause();
    select(at.getAsInt());
    found.set("");
    return at;
  }

  /** Ctrl+C: the lines at these indexes as text, masked unless revealed. */
  public String copy(List<Integer> indexes) {
    List<ShownLine> picked = new ArrayList<>();
    for (int i : new TreeSet<>(indexes)) {
      if (i >= 0 && i < list.size()) {
        picked.add(list.lines().get(i));
      }
    }
    return LogCopy.text(picked, text, revealed.get());
  }

  /** A trace id in a line, clicked: the Traffic tab opens the trace. */
  public void openTrace(String traceId) {
    traceOpener.accept(traceId);
  }

  /**
   * Tails the previous run of a container of the node (one that restarted): its lines join the
   * list, marked "(previous)". Asked before the tab shows, it is tailed when the tab shows.
   */
  public void showPrevious(String container) {
    if (target == null) {
      return;
    }
    if (session == null) {
      previousWaiting = container;
      return;
    }
    if (!previousAsked.add(container)) {
      return; // already shown beside the current run
    }
    LogTailRequest request =
        new LogTailRequest(
            opened,
            Set.of(container),
            Optional.empty(),
            LogTailRequest.CONSOLE_TAIL_LINES,
            false,
            true);
    session.opened(tails.orElseThrow().open(request, session));
    publishRows();
  }

  /**
   * Hands the open tail over to a view model of its own, for a window: it keeps following the same
   * streams whatever is selected here, with the lines shown so far, and closes them when its window
   * closes. This tab then says that the logs show elsewhere until another node is inspected.
   *
   * @return empty when no tail is open
   */
  public Optional<LogViewModel> detach() {
    if (session == null) {
      return Optional.empty();
    }
    LogViewModel d = new LogViewModel(tails, bufferLines, text, zone, nanoTime);
    d.pinned = true;
    d.showing = true;
    d.target = target;
    d.session = session;
    d.list = list;
    d.states.putAll(states);
    d.previousAsked.addAll(previousAsked);
    d.restarts = restarts;
    d.oneOwner = oneOwner;
    d.opened = opened;
    d.traceOpener = traceOpener;
    d.revealed.set(revealed.get());
    d.heading.set(target.heading());
    d.absent.set("");
    d.receivedBefore = 0;
    d.publishRows();
    d.updateCounts();
    LogSession moved = session;
    moved.wakeWith(() -> d.wake.run());
    int shown = list.size();
    session = null;
    list = new LogList(bufferLines);
    states.clear();
    detachedKey = target.key();
    selected = -1;
    selectedLine = null;
    details.set(Optional.empty());
    fire(new LogList.Edit(shown, 0, List.of()));
    publishRows();
    updateAbsent();
    updateCounts();
    return Optional.of(d);
  }

  // ---- for the benchmark and tests

  /** Lines the sources delivered to this view, over every tail it opened. */
  public long linesReceived() {
    return receivedBefore + (session == null ? 0 : session.received());
  }

  /** Lines that reached the list (some since trimmed from its front). */
  public long linesShown() {
    return list.added();
  }

  /** Lines a flood gate left out or a full ring dropped, over every tail it opened. */
  public long linesDropped() {
    return droppedBefore + (session == null ? 0 : session.dropped());
  }

  /** Whether a tail is open. */
  public boolean tailing() {
    return session != null;
  }

  // ---- inside

  private void reconcile() {
    boolean want =
        showing
            && target != null
            && tails.isPresent()
            && !target.key().equals(detachedKey)
            && target.workloads().stream().anyMatch(tails.get()::serves);
    if (want && session == null) {
      open();
    } else if (!want && session != null) {
      closeSession();
    }
    updateAbsent();
  }

  private void open() {
    // A box of replicas is asked for as the snapshot has it: the log source reads every pod or
    // task it stands for, as stern does.
    List<Workload> served = target.workloads().stream().filter(tails.get()::serves).toList();
    LogTailRequest request =
        new LogTailRequest(
            served,
            target.containers(),
            Optional.empty(),
            LogTailRequest.CONSOLE_TAIL_LINES,
            true,
            false);
    LogSession s = new LogSession(bufferLines, text, nanoTime, () -> wake.run());
    session = s;
    opened = List.copyOf(served);
    s.opened(tails.get().open(request, s));
    if (previousWaiting != null) {
      String c = previousWaiting;
      previousWaiting = null;
      showPrevious(c);
    }
  }

  private void closeSession() {
    if (session == null) {
      return;
    }
    LogSession s = session;
    session = null;
    receivedBefore += s.received();
    droppedBefore += s.dropped();
    s.close();
    states.clear();
    selected = -1;
    selectedLine = null;
    details.set(Optional.empty());
    fire(list.clear());
    publishRows();
    updateCounts();
  }

  /** Keeps the selection on its line through an edit, or drops it with the line. */
  private void follow(LogList.Edit edit) {
    ShownLine was = selectedLine;
    int at = selected - edit.trimmed();
    if (at >= edit.from()) {
      int moved = edit.tail().indexOf(was);
      at = moved < 0 ? -1 : edit.from() + moved;
    }
    if (at < 0) {
      selected = -1;
      selectedLine = null;
      details.set(Optional.empty());
    } else {
      selected = at;
      details.get().ifPresent(d -> details.set(Optional.of(d.at(selected))));
    }
  }

  private void fire(LogList.Edit edit) {
    if (edit.isNone()) {
      return;
    }
    for (Consumer<LogList.Edit> l : List.copyOf(editListeners)) {
      l.accept(edit);
    }
  }

  private void updateAbsent() {
    if (pinned) {
      absent.set("");
    } else if (target == null) {
      absent.set(NOTHING);
    } else if (tails.isEmpty()) {
      absent.set(NO_SOURCE);
    } else if (target.key().equals(detachedKey)) {
      absent.set(DETACHED);
    } else if (target.workloads().stream().noneMatch(tails.get()::serves)) {
      absent.set("The log sources of this session do not read the logs of " + target.heading());
    } else {
      absent.set("");
    }
  }

  private void publishRows() {
    long owners = states.keySet().stream().map(LogStream::owner).distinct().count();
    if (oneOwner != owners <= 1) {
      oneOwner = owners <= 1;
      tags.clear();
    }
    List<LogStreamRow> rows = new ArrayList<>();
    for (LogStreamState st : states.values()) {
      LogStream s = st.stream();
      boolean restarted = restarts.getOrDefault(s.container(), 0) > 0;
      boolean previousRun =
          restarted
              && !s.previous()
              && LogStream.KUBERNETES.equals(s.source())
              && !previousAsked.contains(s.container());
      rows.add(
          new LogStreamRow(
              s,
              session == null ? 0 : session.colour(s),
              st.phase(),
              st.sentence(),
              st.sampled(),
              previousRun));
    }
    streams.set(List.copyOf(rows));
  }

  private void updateCounts() {
    long dropped = session == null ? 0 : session.dropped();
    String c = String.format(Locale.ROOT, "%,d lines", list.size());
    if (dropped > 0) {
      c += String.format(Locale.ROOT, " · %,d dropped", dropped);
    }
    counts.set(session == null && list.size() == 0 ? "" : c);
  }

  private void updateFound() {
    String q = search.get();
    if (q.isEmpty()) {
      found.set("");
      return;
    }
    int n = list.count(q, this::shownText);
    if (n == 0) {
      found.set("No line holds \"" + q + "\".");
    } else if (selected >= 0 && holds(selected, q)) {
      int before = 0;
      List<ShownLine> lines = list.lines();
      for (int i = 0; i < selected; i++) {
        if (LogList.holds(shownText(lines.get(i)), q)) {
          before++;
        }
      }
      found.set((before + 1) + " of " + n);
    } else {
      found.set(n + (n == 1 ? " match" : " matches"));
    }
  }

  private boolean holds(int index, String q) {
    return LogList.holds(shownText(list.lines().get(index)), q);
  }

  private String shownText(ShownLine l) {
    return l.text(text, revealed.get());
  }

  // ---- from the snapshot

  private static Optional<Target> targetOf(TopologySnapshot snapshot, Optional<String> node) {
    if (node.isEmpty()) {
      return Optional.empty();
    }
    String id = node.get();
    Optional<Workload> w = snapshot.workload(id);
    if (w.isPresent()) {
      return Optional.of(new Target(List.of(w.get()), Set.of(), where(w.get())));
    }
    int slash = id.lastIndexOf('/');
    if (slash <= 0) {
      return Optional.empty();
    }
    // A container reads beside the rest of its pod: what the proxy logged is read against what
    // the app logged at the same moment. The selection moving between containers of one pod keeps
    // the tail.
    Optional<Workload> owner = snapshot.workload(id.substring(0, slash));
    String name = id.substring(slash + 1);
    return owner.flatMap(
        o -> o.container(name).map(c -> new Target(List.of(o), Set.of(), where(o))));
  }

  private static Map<String, Integer> restartsOf(Target t) {
    Map<String, Integer> out = new HashMap<>();
    for (Workload w : t.workloads()) {
      for (Container c : w.containers()) {
        out.merge(c.name(), c.spec().state().restarts().orElse(0), Math::max);
      }
    }
    return out;
  }

  /**
   * "Pod order-service-5f7c9-abcde · shop", "ECS task 0123abcd · prod", "Deployment/x ×3 · shop".
   */
  static String where(Workload w) {
    String kind = w.platform() == Platform.ECS ? "ECS task " : "Pod ";
    if (w.replicas() > 1) {
      return w.owner().orElse(w.name()) + " ×" + w.replicas() + " · " + w.namespace();
    }
    return kind + w.name() + " · " + w.namespace();
  }
}
