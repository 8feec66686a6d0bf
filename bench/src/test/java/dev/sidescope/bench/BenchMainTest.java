package dev.sidescope.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.picture.TrafficLevel;
import dev.sidescope.topology.picture.TrafficThresholds;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The benchmarks run as {@code ./sidescope bench} runs them, in-process and on a small generated
 * cluster: what they print and how they fail. Timings are the machine's; only the shape of their
 * lines and the sizes of what was measured are checked.
 */
class BenchMainTest {
  /** A figure as the benchmarks print it: {@code 12.3}. */
  private static final String FIGURE = "[0-9]+[.,][0-9]";

  private record Run(int exitCode, List<String> out, List<String> err) {
    static Run of(String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          BenchMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
      return new Run(code, out.toString().lines().toList(), err.toString().lines().toList());
    }
  }

  private static Matcher match(String line, String regex) {
    Matcher m = Pattern.compile(regex).matcher(line);
    assertThat(m.matches()).as("'%s' matches %s", line, regex).isTrue();
    return m;
  }

  @Test
  void snapshotShouldBuildTheGeneratedClusterAndPrintItsSizeTimingsAndStages() {
    Run run = Run.of("snapshot", "--pods", "200", "--runs", "2", "--warmup", "1");

    assertThat(run.exitCode()).as(String.join("\n", run.err())).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).hasSize(6);
    Matcher size =
        match(
            run.out().get(0),
            "snapshot of 200 generated pods \\(([0-9]+) sidecars, ([0-9]+) edges, ([0-9]+)"
                + " findings\\)");
    for (int group = 1; group <= 3; group++) {
      assertThat(Integer.parseInt(size.group(group))).as(size.group(0)).isPositive();
    }
    match(
        run.out().get(1),
        "classify \\+ build: median F ms, min F ms, max F ms over 2 runs \\(after 1 warm-up runs\\)"
            .replace("F", FIGURE));
    match(
        run.out().get(2),
        "CPU per build \\(every thread of the process, GC included\\): median F ms"
            .replace("F", FIGURE));
    match(
        run.out().get(3),
        "allocated per build \\(every thread\\): median F MB".replace("F", FIGURE));
    match(
        run.out().get(4),
        "stages \\(median\\): classify F ms, edges F ms, doctor F ms".replace("F", FIGURE));
    match(run.out().get(5), "machine: .+, [0-9]+ cores, .+, Java .+, max heap [0-9]+ MB");
  }

  @Test
  void finishShouldRunTheOverlayStageOverABuiltBaseAndGroupAsAsked() {
    Run run =
        Run.of("finish", "--pods", "200", "--runs", "2", "--warmup", "1", "--group", "service");

    assertThat(run.exitCode()).as(String.join("\n", run.err())).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).hasSize(5);
    Matcher base =
        match(
            run.out().get(0),
            "base of 200 generated pods \\(([0-9]+) edges, ([0-9]+) findings\\), ([0-9]+) edges"
                + " measured");
    Matcher finished =
        match(
            run.out().get(1),
            "finish \\(appenders \\[.+\\], then grouping by service\\) -> ([0-9]+) boxes, ([0-9]+)"
                + " edges, ([0-9]+) findings");
    for (Matcher m : List.of(base, finished)) {
      for (int group = 1; group <= 3; group++) {
        assertThat(Integer.parseInt(m.group(group))).as(m.group(0)).isPositive();
      }
    }
    // Grouped by service, fewer boxes than the 200 pods.
    assertThat(Integer.parseInt(finished.group(1))).isLessThan(200);
    match(
        run.out().get(2),
        "finish: median F ms, min F ms, max F ms over 2 runs \\(after 1 warm-up runs\\)"
            .replace("F", FIGURE));
    match(
        run.out().get(3),
        "allocated per finish \\(every thread\\): median F MB".replace("F", FIGURE));
    assertThat(run.out().get(4)).startsWith("machine: ");
  }

  @Test
  void xrayDaemonShouldIngestKeepEveryCallAndCountWhatItHearsOverUdp() {
    Run run =
        Run.of("xray-daemon", "--segments", "20000", "--udp-rate", "2000", "--udp-seconds", "1");

    assertThat(run.exitCode()).as(String.join("\n", run.err())).isZero();
    assertThat(run.out().get(0)).matches("50,000 distinct datagrams of [0-9,]+ bytes on average");
    for (int round = 0; round < 4; round++) {
      Matcher m =
          match(
              run.out().get(1 + round),
              ("ingest round "
                      + round
                      + "( \\(warm-up\\))?: 20,000 segments in F s = [0-9,]+"
                      + " segments/s \\(([0-9]+) services, ([0-9]+) calls published\\)")
                  .replace("F", FIGURE + "+"));
      assertThat(Integer.parseInt(m.group(2))).isEqualTo(20);
      assertThat(Integer.parseInt(m.group(3))).isEqualTo(40);
    }
    Matcher udp =
        match(
            run.out().get(5),
            "UDP at 2,000/s for F s: sent 2,000, counted ([0-9,]+), dropped ([0-9,]+), lost (-?[0-9,]+)"
                .replace("F", FIGURE + "+"));
    long counted = Long.parseLong(udp.group(1).replace(",", ""));
    long dropped = Long.parseLong(udp.group(2).replace(",", ""));
    long lost = Long.parseLong(udp.group(3).replace(",", ""));
    assertThat(counted + dropped + lost).isEqualTo(2000);
    assertThat(counted).isPositive();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "nope | sidescope: unknown benchmark 'nope'; there are: snapshot, finish, kubernetes,"
            + " kubernetes-lists, console, live, xray-daemon, envoy-parse,"
            + " envoy-poll, logs.",
        "kubernetes | sidescope: bench kubernetes needs --kubeconfig FILE.",
        "kubernetes-lists | sidescope: bench kubernetes-lists needs --kubeconfig FILE.",
      })
  void aBenchmarkThatCannotRunShouldSaySoInOneSentenceAndExit2(String what, String sentence) {
    Run run = Run.of(what);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).containsExactly(sentence);
  }

  @Test
  void logsShouldRefuseNoTimeInOneSentence() {
    Run run = Run.of("logs", "--log-seconds", "0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .containsExactly("sidescope: --log-rate, --log-seconds and --log-replicas take 1 or more.");
  }

  @Test
  void liveShouldRefuseARunTooShortToSeeAnUpdateInOneSentence() {
    Run run = Run.of("live", "--live-seconds", "1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .containsExactly("sidescope: --nodes must be at least 10 and --live-seconds at least 2.");
  }

  @Test
  void liveFiguresShouldCrossTheBoundsSomewhereAndMoveEverySecond() {
    List<EdgeMetrics> now = new ArrayList<>();
    List<EdgeMetrics> next = new ArrayList<>();
    for (int edge = 0; edge < 400; edge++) {
      now.add(LiveTrafficBench.figures(edge, 1, 42));
      next.add(LiveTrafficBench.figures(edge, 2, 42));
    }
    TrafficThresholds t = TrafficThresholds.DEFAULTS;

    assertThat(now).isNotEqualTo(next);
    assertThat(now.stream().map(t::levelOf).distinct())
        .containsExactlyInAnyOrder(
            TrafficLevel.OK, TrafficLevel.WARN, TrafficLevel.BAD, TrafficLevel.NO_TRAFFIC);
  }

  @Test
  void anUnknownOptionShouldPointToTheBenchmarksHelp() {
    Run run = Run.of("snapshot", "--nope");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("sidescope: ")
                    .endsWith("(see 'sidescope bench --help')"));
  }
}
