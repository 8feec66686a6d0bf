package dev.sidescope.views.testing;

import dev.sidescope.topology.model.proxy.ConfigTree;
import dev.sidescope.topology.model.proxy.StatSeries;
import dev.sidescope.topology.source.ProxyQueries;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * {@link ProxyQueries} with canned answers, for tests and screenshots: each question is recorded;
 * stats are searched as the proxy source searches them (name contains the text, case-insensitive,
 * sorted, at most the limit), their history one poll longer with every question; answers come at
 * once, or wait until the test completes them ({@link #holding}), or fail ({@link #failing}).
 */
public final class CannedProxies implements ProxyQueries {
  /** Every question asked, in order: "stats <subject> <search>", "configDump <subject>". */
  public final List<String> asked = new CopyOnWriteArrayList<>();

  /** The futures of held questions, by the question. */
  public final Map<String, CompletableFuture<?>> held = new ConcurrentHashMap<>();

  private final AtomicInteger polls = new AtomicInteger(3);
  private volatile boolean holding;
  private volatile IntFunction<List<StatSeries>> stats = n -> List.of();
  private volatile Function<String, ConfigTree> config = s -> ConfigTree.branch("", List.of());
  private volatile String failure;

  /** All stats of the proxy, given how many polls of history there are. */
  public CannedProxies stats(IntFunction<List<StatSeries>> value) {
    stats = value;
    return this;
  }

  public CannedProxies config(Function<String, ConfigTree> value) {
    config = value;
    return this;
  }

  /** From now on every question fails with this sentence. */
  public CannedProxies failing(String sentence) {
    failure = sentence;
    return this;
  }

  /** From now on questions wait in {@link #held} until the test completes them. */
  public CannedProxies holding(boolean value) {
    holding = value;
    return this;
  }

  /** Completes a held question with a value. */
  @SuppressWarnings("unchecked")
  public <T> void complete(String question, T value) {
    ((CompletableFuture<T>) held.remove(question)).complete(value);
  }

  /** The questions asked that start so. */
  public long count(String start) {
    return asked.stream().filter(q -> q.startsWith(start)).count();
  }

  private <T> CompletableFuture<T> answer(String question, Supplier<T> value) {
    asked.add(question);
    if (holding) {
      CompletableFuture<T> f = new CompletableFuture<>();
      held.put(question, f);
      return f;
    }
    if (failure != null) {
      return CompletableFuture.failedFuture(new IllegalStateException(failure));
    }
    return CompletableFuture.completedFuture(value.get());
  }

  @Override
  public CompletableFuture<ConfigTree> configDump(String subject) {
    return answer("configDump " + subject, () -> config.apply(subject));
  }

  @Override
  public CompletableFuture<List<StatSeries>> stats(String subject, String search, int limit) {
    String needle = search.strip().toLowerCase(Locale.ROOT);
    return answer(
        "stats " + subject + " " + search,
        () ->
            stats.apply(polls.getAndIncrement()).stream()
                .filter(s -> s.name().toLowerCase(Locale.ROOT).contains(needle))
                .sorted(Comparator.comparing(StatSeries::name))
                .limit(limit)
                .toList());
  }
}
