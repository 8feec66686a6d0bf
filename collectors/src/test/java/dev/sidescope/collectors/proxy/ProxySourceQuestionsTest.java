package dev.sidescope.collectors.proxy;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.collectors.envoy.EnvoyAdmin;
import dev.sidescope.collectors.testing.RecordingSink;
import dev.sidescope.testing.time.ManualClock;
import dev.sidescope.topology.model.proxy.ConfigTree;
import dev.sidescope.topology.model.proxy.StatSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Envoy tab's questions: a sidecar's configuration, redacted, fetched only when asked; its
 * stats with their values over the polls since first asked; and every request any path of the
 * source makes is a GET of an allowed read-only path.
 */
class ProxySourceQuestionsTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
  private FakeEnvoy envoy;
  private FakeEnvoy other;
  private ProxySource source;
  private ProxyTarget target;

  @BeforeEach
  void open() throws Exception {
    envoy = new FakeEnvoy();
    other = new FakeEnvoy();
    source = new ProxySource(new RecordingSink(), ProxySettings.commandLine().withClock(clock));
    target = ProxyTarget.direct(ProxyTarget.Kind.ENVOY, envoy.url());
    source.targets(List.of(target, ProxyTarget.direct(ProxyTarget.Kind.ENVOY, other.url())));
  }

  @AfterEach
  void close() {
    source.close();
    envoy.close();
    other.close();
  }

  private static void walk(ConfigTree node, Consumer<ConfigTree> visit) {
    visit.accept(node);
    node.children().forEach(c -> walk(c, visit));
  }

  @Test
  void theConfigurationIsFetchedOnlyWhenAskedAndComesRedacted() throws Exception {
    source.pollNow();
    assertThat(envoy.count("/config_dump")).isZero();

    ConfigTree tree = source.configDump(target.subject()).get(10, SECONDS);

    assertThat(envoy.count("/config_dump")).isEqualTo(1);
    assertThat(other.count("/config_dump")).isZero();
    List<String> texts = new ArrayList<>();
    walk(tree, n -> n.value().ifPresent(texts::add));
    assertThat(texts).contains(ConfigTree.REDACTED, "ads_cluster");
    assertThat(texts).noneMatch(t -> t.startsWith("eyJ") || t.startsWith("LS0tLS1CRUdJTi"));
  }

  @Test
  void statsAnswerOneValueFirstThenKeepTheValuesOfLaterPolls() throws Exception {
    List<StatSeries> first =
        source.stats(target.subject(), "UPSTREAM_RQ_TOTAL", 10).get(10, SECONDS);

    assertThat(first)
        .extracting(StatSeries::name)
        .containsExactly("cluster." + FakeEnvoy.PAYMENT + ".upstream_rq_total");
    assertThat(first.get(0).values()).containsExactly(100.0);

    envoy.advance(Map.of("upstream_rq_total", 7L));
    clock.advance(Duration.ofSeconds(5));
    source.pollNow();
    envoy.advance(Map.of("upstream_rq_total", 3L));
    clock.advance(Duration.ofSeconds(5));
    source.pollNow();

    List<StatSeries> later =
        source.stats(target.subject(), "upstream_rq_total", 10).get(10, SECONDS);
    assertThat(later.get(0).values()).containsExactly(100.0, 107.0, 110.0);
    // While kept, polls ask for every stat, not only the clusters'.
    List<StatSeries> all = source.stats(target.subject(), "", 100).get(10, SECONDS);
    assertThat(all)
        .extracting(StatSeries::name)
        .contains("server.uptime", "http.ingress_http.downstream_rq_total");
    assertThat(all).extracting(StatSeries::name).isSorted();
    assertThat(source.stats(target.subject(), "", 2).get(10, SECONDS)).hasSize(2);
    // The other sidecar, not asked about, is still read for its clusters only.
    assertThat(other.requests)
        .filteredOn(r -> r.path().equals("/stats"))
        .allSatisfy(r -> assertThat(r.query()).contains("filter="));
  }

  @Test
  void onlyTheMostRecentlyAskedSidecarsKeepTheirStats() {
    StatHistory history = new StatHistory(2, 3);
    history.keep("a");
    history.keep("b");
    history.keep("a");
    history.keep("c"); // b was asked least recently

    assertThat(history.keeps("a")).isTrue();
    assertThat(history.keeps("b")).isFalse();
    assertThat(history.keeps("c")).isTrue();
    for (long v = 1; v <= 5; v++) {
      history.record("a", Map.of("x", v));
    }
    assertThat(history.answer("a", "x", 5).get(0).values()).containsExactly(3.0, 4.0, 5.0);
  }

  @Test
  void aQuestionAboutASidecarNotReadIsOneSentence() {
    assertThatThrownBy(() -> source.configDump("proxy/http://nowhere:1").get(10, SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(ProxyQueryException.class)
        .hasMessage("No proxy sidecar proxy/http://nowhere:1 is being read.");
  }

  @Test
  void aSidecarThatFailsToAnswerAQuestionIsOneSentence() {
    envoy.mode = FakeEnvoy.Mode.GARBAGE;
    assertThatThrownBy(() -> source.configDump(target.subject()).get(10, SECONDS))
        .cause()
        .isInstanceOf(ProxyQueryException.class)
        .hasMessage(envoy.url() + " did not give its configuration: its /config_dump is not JSON.");
  }

  @Test
  void everyRequestOfEveryPathIsAGetOfAnAllowedPath() throws Exception {
    source.pollNow();
    clock.advance(Duration.ofSeconds(5));
    source.pollNow();
    source.configDump(target.subject()).get(10, SECONDS);
    source.stats(target.subject(), "", 5).get(10, SECONDS);
    clock.advance(Duration.ofSeconds(5));
    source.pollNow();
    other.mode = FakeEnvoy.Mode.GARBAGE;
    source.pollNow();

    Set<String> allowed = new HashSet<>(EnvoyAdmin.READ_ONLY_PATHS);
    allowed.addAll(LinkerdAdmin.READ_ONLY_PATHS);
    List<FakeEnvoy.Request> all = new ArrayList<>(envoy.requests);
    all.addAll(other.requests);
    assertThat(all).hasSizeGreaterThan(10);
    assertThat(all).extracting(FakeEnvoy.Request::method).containsOnly("GET");
    assertThat(all).extracting(FakeEnvoy.Request::path).allMatch(allowed::contains);
    assertThat(allowed)
        .doesNotContain(
            "/quitquitquit", "/healthcheck/fail", "/logging", "/reset_counters", "/shutdown");
  }
}
