package dev.sidescope.collectors.kubernetes.logs;

import static dev.sidescope.collectors.kubernetes.logs.PodLogApi.send;
import static dev.sidescope.collectors.kubernetes.logs.PodLogApi.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.sidescope.collectors.testing.RecordingLogSink;
import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogStreamState;
import dev.sidescope.topology.logs.LogStreamState.Phase;
import dev.sidescope.topology.logs.LogTailRequest;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.source.LogTails;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pod logs read from a loopback API server that speaks the pod log protocol. */
class PodLogTailsTest {
  private static final String T1 = "2026-12-08T01:02:03.123456789Z";
  private static final String T2 = "2026-12-08T01:02:03.987654321Z";
  private static final String T3 = "2026-12-08T01:02:05.000000001Z";

  private final PodLogApi api = new PodLogApi();
  private final PodLogTails tails =
      new PodLogTails(
          "kubernetes/kind-dev",
          api.client(),
          new PodLogTails.Timing(Duration.ofMillis(20), Duration.ofMillis(100)),
          Clock.systemUTC());
  private final RecordingLogSink sink = new RecordingLogSink();

  @AfterEach
  void stop() {
    tails.close();
    api.close();
  }

  private static Workload orderPod() {
    return WorkloadBuilder.pod("order-1").app("app").sidecar(SidecarKind.ENVOY, "envoy").build();
  }

  private static LogTailRequest request(
      String container, Optional<Duration> since, int tail, boolean follow, boolean previous) {
    return new LogTailRequest(
        List.of(orderPod()), Set.of(container), since, tail, follow, previous);
  }

  @Test
  void servesThePodsOfItsOwnContextOnly() {
    assertThat(tails.serves(orderPod())).isTrue();
    assertThat(tails.serves(WorkloadBuilder.pod("x").context("prod").app("app").build())).isFalse();
    assertThat(tails.serves(WorkloadBuilder.task("abc").app("app").build())).isFalse();
  }

  @Test
  void linesCarryTheirTimestampAsTimeAndTheRequestGoesOnTheWire() throws Exception {
    api.onLog(e -> send(e, 200, T1 + " first line\n" + T2 + " second line\n"));

    try (LogTails.Tail tail =
        tails.open(request("app", Optional.of(Duration.ofSeconds(90)), 5, false, false), sink)) {
      assertThat(sink.next(Phase.ENDED)).isNotNull();
    }

    assertThat(api.nextLogQuery())
        .isEqualTo("container=app&timestamps=true&tailLines=5&sinceSeconds=90");
    assertThat(sink.lines())
        .extracting(LogLine::time, LogLine::text)
        .containsExactly(
            tuple(Instant.parse(T1), "first line"), tuple(Instant.parse(T2), "second line"));
    assertThat(sink.lines().get(0).stream().label()).isEqualTo("order-1/app");
    assertThat(sink.states())
        .extracting(s -> s.phase())
        .containsExactly(Phase.CONNECTING, Phase.LIVE, Phase.ENDED);
  }

  @Test
  void everyWantedContainerIsReadWhenNoneIsNamed() throws Exception {
    api.onLog(e -> send(e, 200, T1 + " hello\n"));

    tails.open(
        new LogTailRequest(List.of(orderPod()), Set.of(), Optional.empty(), 10, false, false),
        sink);

    assertThat(sink.nextLines(2))
        .extracting(l -> l.stream().container())
        .containsExactlyInAnyOrder("app", "envoy");
  }

  @Test
  void previousOfAContainerThatNeverRestartedSaysSoPlainly() throws Exception {
    api.onLog(
        e ->
            send(
                e,
                400,
                status(
                    400,
                    "BadRequest",
                    "previous terminated container \"app\" in pod \"order-1\" not found")));

    tails.open(request("app", Optional.empty(), 10, true, true), sink);

    assertThat(sink.next(Phase.FAILED).sentence())
        .isEqualTo("no previous run of app in pod order-1: it has not restarted");
    assertThat(api.nextLogQuery())
        .as("previous asked for, and not followed: a previous run has ended")
        .isEqualTo("container=app&timestamps=true&tailLines=10&previous=true");
  }

  @Test
  void aPodThatIsGoneAnswers404AndTheStreamIsGone() throws Exception {
    api.onLog(e -> send(e, 404, status(404, "NotFound", "pods \"order-1\" not found")));

    tails.open(request("app", Optional.empty(), 10, true, false), sink);

    assertThat(sink.next(Phase.GONE).sentence())
        .isEqualTo("pod order-1 no longer exists in namespace shop");
  }

  @Test
  void aForbiddenLogSaysWhoseLogItIs() throws Exception {
    api.onLog(e -> send(e, 403, status(403, "Forbidden", "pods \"order-1\" is forbidden")));

    tails.open(request("app", Optional.empty(), 10, false, false), sink);

    assertThat(sink.next(Phase.FAILED).sentence())
        .isEqualTo("not allowed to read the logs of pod order-1 in namespace shop");
  }

  @Test
  void aFollowedStreamThatEndsWhileThePodRunsIsResumedWithoutRepeatingLines() throws Exception {
    api.runningPod("order-1", "app", "envoy");
    AtomicInteger requests = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1);
    api.onLog(
        e -> {
          if (requests.incrementAndGet() == 1) {
            send(e, 200, T1 + " one\n" + T2 + " two\n");
          } else {
            // The API server answers from the second of sinceTime: it repeats "one" and "two".
            e.sendResponseHeaders(200, 0);
            OutputStream out = e.getResponseBody();
            out.write(
                (T1 + " one\n" + T2 + " two\n" + T3 + " three\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
              done.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
              Thread.currentThread().interrupt();
            }
          }
        });

    try (LogTails.Tail tail = tails.open(request("app", Optional.empty(), 10, true, false), sink)) {
      assertThat(sink.nextLines(3))
          .extracting(LogLine::text)
          .containsExactly("one", "two", "three");
      assertThat(api.nextLogQuery()).endsWith("&tailLines=10&follow=true");
      assertThat(api.nextLogQuery())
          .isEqualTo(
              "container=app&timestamps=true&sinceTime=2026-12-08T01%3A02%3A03Z&follow=true");
      assertThat(sink.states()).extracting(s -> s.phase()).contains(Phase.RECONNECTING);
      assertThat(
              sink.states().stream()
                  .filter(s -> s.phase() == Phase.RECONNECTING)
                  .findFirst()
                  .orElseThrow()
                  .sentence())
          .startsWith("the log stream of app in pod order-1 ended while it runs; asking again in");
    } finally {
      done.countDown();
    }
    assertThat(sink.lines()).hasSize(3);
  }

  @Test
  void aFollowedStreamWhosePodWasDeletedIsGone() throws Exception {
    api.onLog(e -> send(e, 200, T1 + " last words\n"));

    tails.open(request("app", Optional.empty(), 10, true, false), sink);

    assertThat(sink.nextLine().text()).isEqualTo("last words");
    assertThat(sink.next(Phase.GONE).sentence())
        .isEqualTo("pod order-1 no longer exists in namespace shop");
  }

  @Test
  void nothingIsDeliveredOnceCloseHasReturnedAndTheStreamIsLetGo() throws Exception {
    CountDownLatch letGo = new CountDownLatch(1);
    api.runningPod("order-1", "app");
    api.onLog(
        e -> {
          e.sendResponseHeaders(200, 0);
          OutputStream out = e.getResponseBody();
          try {
            for (int i = 0; ; i++) {
              out.write((T1 + " busy " + i + "\n").getBytes(StandardCharsets.UTF_8));
              out.flush();
            }
          } catch (IOException closedByTheClient) {
            letGo.countDown();
          }
        });

    LogTails.Tail tail = tails.open(request("app", Optional.empty(), 0, true, false), sink);
    assertThat(sink.nextLines(100)).hasSize(100);
    tail.close();
    sink.seal();

    assertThat(letGo.await(10, TimeUnit.SECONDS)).as("the server sees the stream closed").isTrue();
    assertThat(sink.lateCalls()).isZero();
    assertThat(sink.batches())
        .as("lines come in batches")
        .anySatisfy(n -> assertThat(n).isGreaterThan(1));
  }

  @Test
  void aOneMegabyteLineAndBinaryBytesArriveSafe() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write((T1 + " ").getBytes(StandardCharsets.UTF_8));
    byte[] huge = new byte[1024 * 1024];
    Arrays.fill(huge, (byte) 'x');
    body.write(huge);
    body.write('\n');
    body.write((T2 + " ").getBytes(StandardCharsets.UTF_8));
    body.write(
        new byte[] {
          0x1b, '[', '3', '1', 'm', 'r', 'e', 'd', 0x1b, '[', '0', 'm', (byte) 0xff, 0x07, 'z', '\n'
        });
    api.onLog(e -> send(e, 200, body.toByteArray()));

    tails.open(request("app", Optional.empty(), 10, false, false), sink);

    List<LogLine> lines = sink.nextLines(2);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).time()).isEqualTo(Instant.parse(T1));
    assertThat(lines.get(0).text().length()).isBetween(60 * 1024, 64 * 1024 + 200);
    assertThat(lines.get(0).text()).startsWith("xxxx").doesNotEndWith("xxxx");
    assertThat(lines.get(1).time()).isEqualTo(Instant.parse(T2));
    assertThat(lines.get(1).text())
        .startsWith("red")
        .endsWith("z")
        .doesNotContain("\u001b")
        .doesNotContain("[31m")
        .matches(t -> t.chars().noneMatch(c -> c < 0x20), "has no control characters");
  }

  @Test
  void oneTailReadsAtMost64ContainersAndSaysSoForTheRest() throws Exception {
    WorkloadBuilder big = WorkloadBuilder.pod("big-1");
    for (int i = 0; i < PodLogTails.MAX_STREAMS_PER_TAIL + 1; i++) {
      big.app("c" + i);
    }
    api.onLog(e -> send(e, 200, ""));

    tails.open(
        new LogTailRequest(List.of(big.build()), Set.of(), Optional.empty(), 1, false, false),
        sink);

    int ended = 0;
    List<String> failures = new ArrayList<>();
    while (ended < PodLogTails.MAX_STREAMS_PER_TAIL || failures.isEmpty()) {
      LogStreamState state = sink.nextState();
      assertThat(state).as("%d streams ended, %s", ended, failures).isNotNull();
      if (state.phase() == Phase.ENDED) {
        ended++;
      } else if (state.phase() == Phase.FAILED) {
        failures.add(state.sentence());
      }
    }
    assertThat(failures)
        .containsExactly("not opened: one tail reads at most 64 containers at once");
    assertThat(sink.states().stream().filter(s -> s.phase() == Phase.FAILED)).hasSize(1);
  }

  @Test
  void closingTheSourceFinishesEveryOpenStreamOnceAndThenFallsSilent() throws Exception {
    api.runningPod("order-1", "app", "envoy");
    CountDownLatch done = new CountDownLatch(1);
    api.onLog(
        e -> {
          e.sendResponseHeaders(200, 0);
          OutputStream out = e.getResponseBody();
          out.write((T1 + " hello\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
          try {
            done.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
          }
        });

    try {
      tails.open(
          new LogTailRequest(List.of(orderPod()), Set.of(), Optional.empty(), 10, true, false),
          sink);
      assertThat(sink.nextLines(2)).hasSize(2);
      tails.close();
      sink.seal();

      assertThat(sink.states().stream().filter(s -> s.phase() == Phase.FAILED))
          .extracting(s -> s.stream().container(), LogStreamState::sentence)
          .containsExactlyInAnyOrder(
              tuple("app", "the log source was stopped"),
              tuple("envoy", "the log source was stopped"));
      Thread.sleep(200);
      assertThat(sink.lateCalls()).isZero();
    } finally {
      done.countDown();
    }
  }

  @Test
  void anUnexpectedFailureEndsAFollowedStreamWithOneSentence() throws Exception {
    Clock broken =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            throw new IllegalStateException("the clock broke");
          }
        };
    api.runningPod("order-1", "app");
    // A line without a timestamp is timed by the clock, which fails.
    api.onLog(e -> send(e, 200, "no time on this line\n"));

    try (PodLogTails broke =
        new PodLogTails(
            "kubernetes/kind-dev",
            api.client(),
            new PodLogTails.Timing(Duration.ofMillis(20), Duration.ofMillis(100)),
            broken)) {
      broke.open(request("app", Optional.empty(), 10, true, false), sink);

      assertThat(sink.next(Phase.FAILED).sentence())
          .isEqualTo(
              "reading the log of app in pod order-1 failed unexpectedly; the details are in"
                  + " the log file");
    }
  }

  @Test
  void aFollowedResponseThatFallsSilentIsAskedForAgainFromTheLastLine() throws Exception {
    api.runningPod("order-1", "app");
    AtomicInteger requests = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1);
    api.onLog(
        e -> {
          e.sendResponseHeaders(200, 0);
          OutputStream out = e.getResponseBody();
          if (requests.incrementAndGet() == 1) {
            out.write((T1 + " one\n").getBytes(StandardCharsets.UTF_8));
          } else {
            out.write((T1 + " one\n" + T2 + " two\n").getBytes(StandardCharsets.UTF_8));
          }
          out.flush();
          // The connection is held open and nothing more comes, as when a NAT dropped it.
          try {
            done.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
          }
        });

    try (PodLogTails watched =
        new PodLogTails(
            "kubernetes/kind-dev",
            api.client(),
            new PodLogTails.Timing(
                Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMillis(200)),
            Clock.systemUTC())) {
      watched.open(request("app", Optional.empty(), 10, true, false), sink);

      assertThat(sink.nextLines(2)).extracting(LogLine::text).containsExactly("one", "two");
      assertThat(sink.next(Phase.RECONNECTING).sentence())
          .startsWith("no byte of the log of app in pod order-1 came for 1 s");
      assertThat(api.nextLogQuery()).endsWith("&tailLines=10&follow=true");
      assertThat(api.nextLogQuery())
          .isEqualTo(
              "container=app&timestamps=true&sinceTime=2026-12-08T01%3A02%3A03Z&follow=true");
    } finally {
      done.countDown();
    }
    assertThat(sink.lines()).extracting(LogLine::text).startsWith("one", "two");
    assertThat(sink.lines()).extracting(LogLine::text).doesNotHaveDuplicates();
  }
}
