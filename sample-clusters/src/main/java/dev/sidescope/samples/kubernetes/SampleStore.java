package dev.sidescope.samples.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.net.HttpURLConnection;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * fabric8's CRUD store with watches that behave like the API server's. A watch from a resource
 * version (as informers and {@code kubectl get -w} make them, right after a list) hears only what
 * changed after that version, replayed from a bounded history of changes, or an {@code ERROR} with
 * 410 Gone when the history no longer reaches back that far (the client lists again). A watch
 * without one ({@code resourceVersion} absent or {@code 0}) first hears everything it matches as
 * ADDED. A list that asks for a {@code limit} is answered in pages, ordered by namespace and name,
 * with a {@code continue} token, as the API server answers informers that page their lists.
 *
 * <p>fabric8's own watch announces everything the store holds as ADDED on every watch, whatever
 * version it starts from: 20,000 pods parsed, written and sent again one by one right after the
 * informer listed them. Its web socket also blocks the server's event loop for up to a minute when
 * a client closes a watch whose events are still being sent. Here no fabric8 watch is ever made:
 * {@link WatchEndpoint} carries these watches over web sockets or plain HTTP and sends without
 * waiting for the client.
 *
 * <p>Thread-safe: fabric8 changes the store under its write lock and opens watches under its read
 * lock, so a new watch sees either the state before a change or the change itself, never neither.
 */
final class SampleStore extends KubernetesCrudDispatcher {
  /** How many changes a watch can be replayed from; older versions get 410 Gone. */
  static final int HISTORY = 4_096;

  private final Set<Watch> watches = new CopyOnWriteArraySet<>();
  private final Deque<Change> history = new ArrayDeque<>(); // guarded by itself
  private long forgottenUpTo; // guarded by history: the newest version no longer replayable
  private final AtomicLong latestVersion = new AtomicLong();

  /** The lists being paged through, by version and query; the last few only. */
  private final Map<String, Listing> listings =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Listing> eldest) {
              return size() > 16;
            }
          });

  SampleStore(List<CustomResourceDefinitionContext> customResources) {
    super(customResources);
  }

  /** The number of open watches, for tests. */
  int openWatches() {
    return watches.size();
  }

  /**
   * A change to one object, with the store's keys before and after it, so that each watch can tell
   * whether it saw the object come (ADDED), change (MODIFIED) or go (DELETED).
   */
  private record Change(
      long version, AttributeSet before, String was, AttributeSet after, String now) {

    /** The watch event {@code query} hears of this change, or null when none. */
    String eventFor(AttributeSet query) {
      boolean wasSeen = before != null && before.matches(query);
      boolean isSeen = after != null && after.matches(query);
      if (wasSeen && isSeen) {
        return event("MODIFIED", now);
      }
      if (wasSeen) {
        return event("DELETED", was);
      }
      return isSeen ? event("ADDED", now) : null;
    }
  }

  @Override
  public long requestResourceVersion() {
    long version = super.requestResourceVersion();
    latestVersion.accumulateAndGet(version, Math::max);
    return version;
  }

  private static final Pattern EVENT_LIST =
      Pattern.compile("^/api/v1/(namespaces/[^/?]+/)?events(\\?.*)?$");

  /**
   * Every GET: a list that asks for a {@code limit} gets a page; anything else, fabric8's answer. A
   * list of Events says it is an {@code EventList}, as the API server does: typed clients ({@code
   * kubectl describe}'s) read a plain {@code List} as no events at all.
   */
  @Override
  public MockResponse handleGet(String path) {
    MockResponse answer = answerGet(path);
    if (answer.code() != HttpURLConnection.HTTP_OK
        || answer.getBody() == null
        || !EVENT_LIST.matcher(path).matches()) {
      return answer;
    }
    Map<String, String> parameters = queryOf(path);
    if ("true".equals(parameters.get("watch")) || "1".equals(parameters.get("watch"))) {
      return answer;
    }
    String body = new String(answer.getBody().getBytes(), StandardCharsets.UTF_8);
    int kind = body.indexOf("\"kind\":\"List\"");
    if (kind < 0 || kind > 40) {
      return answer;
    }
    return answer.setBody(
        body.substring(0, kind) + "\"kind\":\"EventList\"" + body.substring(kind + 13));
  }

  private MockResponse answerGet(String path) {
    Map<String, String> parameters = queryOf(path);
    String limit = parameters.get("limit");
    String watch = parameters.get("watch");
    if (limit == null
        || !limit.matches("[1-9]\\d{0,8}")
        || "true".equals(watch)
        || "1".equals(watch)) {
      return super.handleGet(path);
    }
    AttributeSet query = getAttributeExtractor().fromPath(path);
    if (query.containsKey(KubernetesAttributesExtractor.NAME)) {
      return super.handleGet(path);
    }
    Optional<MockResponse> page = page(query, Integer.parseInt(limit), parameters.get("continue"));
    // An empty list (or a discovery path fabric8 answers itself) is answered as before.
    return page.orElseGet(() -> super.handleGet(path));
  }

  /**
   * The objects {@code query} matches after the continue token's object, at most {@code limit}, in
   * the order of their namespace and name. The first page reads the store and keeps what matched;
   * the pages after it are cut from that, as the API server serves a paged list from one snapshot.
   * Every page reports the version the first one was read at, so an informer that lists page by
   * page and then watches from that version hears every change made meanwhile. Empty when the query
   * matches nothing at all.
   */
  private Optional<MockResponse> page(AttributeSet query, int limit, String token) {
    Listing listing = null;
    String after = "";
    if (token != null && token.matches("\\d{1,18}:.*")) {
      int colon = token.indexOf(':');
      listing = listings.get(token.substring(0, colon) + " " + query);
      after = token.substring(colon + 1);
    }
    if (listing == null) {
      listing = list(query);
      if (listing.keys().length == 0 && token == null) {
        return Optional.empty();
      }
      listings.put(listing.version() + " " + query, listing);
    }
    int from = Arrays.binarySearch(listing.keys(), after);
    from = from >= 0 ? from + 1 : -from - 1;
    int to = Math.min(listing.keys().length, from + limit);
    StringBuilder body = new StringBuilder("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[");
    for (int i = from; i < to; i++) {
      body.append(i == from ? "" : ",").append(listing.objects()[i]);
    }
    body.append("],\"metadata\":{\"resourceVersion\":\"").append(listing.version()).append('"');
    if (to < listing.keys().length) {
      body.append(",\"continue\":\"")
          .append(listing.version())
          .append(':')
          .append(listing.keys()[to - 1])
          .append("\",\"remainingItemCount\":")
          .append(listing.keys().length - to);
    }
    body.append("}}");
    return Optional.of(
        new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(body.toString()));
  }

  /** What a paged list matched when its first page was read, ordered by namespace and name. */
  private record Listing(long version, String[] keys, String[] objects) {}

  private Listing list(AttributeSet query) {
    long version = latestVersion.get(); // before reading: later changes are replayed to watches
    List<Map.Entry<AttributeSet, String>> entries;
    Map<AttributeSet, String> map = getMap();
    synchronized (map) {
      entries = new ArrayList<>(map.entrySet());
    }
    TreeMap<String, String> matching = new TreeMap<>();
    for (Map.Entry<AttributeSet, String> entry : entries) {
      if (entry.getKey().matches(query)) {
        matching.put(
            value(entry.getKey(), KubernetesAttributesExtractor.NAMESPACE)
                + "/"
                + value(entry.getKey(), KubernetesAttributesExtractor.NAME),
            entry.getValue());
      }
    }
    return new Listing(
        version,
        matching.keySet().toArray(String[]::new),
        matching.values().toArray(String[]::new));
  }

  /** An attribute's value ("" when absent), as the store keys objects. */
  private static String value(AttributeSet key, String name) {
    Attribute attribute = key.getAttribute(name);
    return attribute == null || attribute.getValues().isEmpty()
        ? ""
        : attribute.getValues().get(0).toString();
  }

  /** Called by fabric8's handlers, under the store's write lock, for every write. */
  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    String was = oldAttributes == null ? null : getMap().get(oldAttributes);
    super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
    if (Objects.equals(was, newState)) {
      return;
    }
    AttributeSet after = newState == null ? null : keyOf(pathAttributes, resource, newState);
    // A version of its own, so that a list made after this change says it has seen it.
    Change change = new Change(requestResourceVersion(), oldAttributes, was, after, newState);
    synchronized (history) {
      history.addLast(change);
      if (history.size() > HISTORY) {
        forgottenUpTo = history.removeFirst().version();
      }
    }
    for (Watch watch : watches) {
      watch.hear(change);
    }
  }

  /** Called by fabric8's {@code handleGet}, under the store's read lock, for {@code watch=true}. */
  @Override
  public MockResponse handleWatch(String path) {
    Map<String, String> parameters = queryOf(path);
    AttributeSet query = getAttributeExtractor().fromPath(path);
    String field = parameters.getOrDefault("fieldSelector", "");
    if (field.startsWith("metadata.name=")) {
      query = query.add(new Attribute("name", field.substring("metadata.name=".length())));
    }
    Watch watch = new Watch(query);
    Optional<Long> since = versionOf(parameters.get("resourceVersion"));
    if (since.isEmpty()) {
      for (Map.Entry<AttributeSet, String> entry : getMap().entrySet()) {
        if (entry.getKey().matches(query)) {
          watch.send(event("ADDED", entry.getValue()));
        }
      }
    } else {
      synchronized (history) {
        if (since.get() < forgottenUpTo) {
          watch.end(gone(since.get(), forgottenUpTo));
          return new MockResponse().withWebSocketUpgrade(watch);
        }
        for (Change change : history) {
          if (change.version() > since.get()) {
            watch.hear(change);
          }
        }
      }
    }
    watches.add(watch);
    return new MockResponse().withWebSocketUpgrade(watch);
  }

  private AttributeSet keyOf(
      AttributeSet pathAttributes, GenericKubernetesResource resource, String json) {
    KubernetesAttributesExtractor extractor =
        (KubernetesAttributesExtractor) getAttributeExtractor();
    AttributeSet key =
        resource != null ? extractor.extract(resource) : extractor.fromResource(json);
    // As fabric8 keys it: an object whose kind it cannot pluralise takes the path's plural.
    return key.containsKey(KubernetesAttributesExtractor.PLURAL)
        ? key
        : AttributeSet.merge(pathAttributes, key);
  }

  /** A watch event as the API server writes it (and as fabric8's {@code WatchEvent} reads it). */
  private static String event(String type, String object) {
    return "{\"object\":" + object + ",\"type\":\"" + type + "\"}";
  }

  private static String gone(long version, long oldest) {
    return "{\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"metadata\":{},"
        + "\"status\":\"Failure\",\"message\":\"too old resource version: "
        + version
        + " ("
        + oldest
        + ")\",\"reason\":\"Expired\",\"code\":410},\"type\":\"ERROR\"}";
  }

  /** A version to watch from; empty for none or {@code 0} (everything, then what changes). */
  private static Optional<Long> versionOf(String value) {
    if (value == null || !value.matches("\\d{1,18}")) {
      return Optional.empty();
    }
    long version = Long.parseLong(value);
    return version == 0 ? Optional.empty() : Optional.of(version);
  }

  private static Map<String, String> queryOf(String path) {
    int mark = path.indexOf('?');
    Map<String, String> parameters = new java.util.HashMap<>();
    if (mark < 0) {
      return parameters;
    }
    for (String pair : path.substring(mark + 1).split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        parameters.put(
            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return parameters;
  }

  /**
   * One open watch: events wait here until its transport opens, then go out as they happen. The
   * transport's {@code send} must not block (see {@link WatchEndpoint}).
   */
  private final class Watch extends WebSocketListener {
    private final AttributeSet query;
    private final List<String> waiting = new ArrayList<>();
    private WebSocket socket;
    private boolean ending;
    private boolean closed;

    Watch(AttributeSet query) {
      this.query = query;
    }

    void hear(Change change) {
      String event = change.eventFor(query);
      if (event != null) {
        send(event);
      }
    }

    synchronized void send(String event) {
      if (closed) {
        return;
      }
      if (socket == null) {
        waiting.add(event);
      } else {
        socket.send(event);
      }
    }

    /** Sends {@code event} and then ends the watch. */
    synchronized void end(String event) {
      send(event);
      ending = true;
    }

    @Override
    public synchronized void onOpen(WebSocket webSocket, Response response) {
      socket = webSocket;
      waiting.forEach(webSocket::send);
      waiting.clear();
      if (ending) {
        webSocket.close(1000, "resource version expired");
      }
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      forget();
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
      forget();
    }

    private void forget() {
      synchronized (this) {
        closed = true;
        waiting.clear();
      }
      watches.remove(this);
    }
  }
}
