package dev.sidescope.collectors.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.collectors.aws.AwsConnection;
import dev.sidescope.collectors.aws.AwsEnvironment;
import dev.sidescope.collectors.aws.AwsResolution;
import dev.sidescope.collectors.cloudwatch.FakeCloudWatchLogs.Answer;
import dev.sidescope.collectors.cloudwatch.FakeCloudWatchLogs.Request;
import dev.sidescope.collectors.testing.RecordingLogSink;
import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.testing.time.ManualClock;
import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogStream;
import dev.sidescope.topology.logs.LogStreamState;
import dev.sidescope.topology.logs.LogStreamState.Phase;
import dev.sidescope.topology.logs.LogTailRequest;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.LogConfig;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.source.LogTails;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CloudWatch Logs tails against a loopback endpoint speaking JSON 1.1. */
class CloudWatchLogTailsTest {
  private static final Instant NOW = Instant.parse("2026-12-08T02:00:00Z");
  private static final long WINDOW_START = NOW.minus(Duration.ofMinutes(10)).toEpochMilli();
  private static final String GROUP = "/ecs/orders";
  private static final String STREAM = "ecs/app/abc123";

  @TempDir Path home;
  private final FakeCloudWatchLogs logs = new FakeCloudWatchLogs();
  private final RecordingLogSink sink = new RecordingLogSink();
  private AwsConnection connection;
  private CloudWatchLogTails tails;

  @BeforeEach
  void connect() {
    AwsResolution aws =
        AwsConnection.resolve(
            AwsConnection.Request.defaults(),
            AwsEnvironment.of(
                Map.of(
                    "AWS_ACCESS_KEY_ID", "A",
                    "AWS_SECRET_ACCESS_KEY", "s",
                    "AWS_REGION", "us-east-1",
                    "AWS_ENDPOINT_URL", logs.url()),
                home));
    connection = ((AwsResolution.Found) aws).connection();
    tails =
        new CloudWatchLogTails(
            connection,
            CloudWatchLogTails.Settings.defaults()
                .withPollInterval(Duration.ofMillis(10))
                .withMaxInterval(Duration.ofMillis(40))
                .withClock(new ManualClock(NOW)));
  }

  @AfterEach
  void close() {
    tails.close();
    connection.close();
    logs.close();
  }

  private static ContainerSpec.Builder awslogs(String name) {
    return ContainerSpec.builder(name, name + ":1")
        .logConfig(
            new LogConfig(
                "awslogs", Map.of("awslogs-group", GROUP, "awslogs-stream-prefix", "ecs")));
  }

  private static Workload task(String taskId) {
    return WorkloadBuilder.task(taskId).app(awslogs("app")).build();
  }

  private static LogTailRequest request(int tailLines, boolean follow, boolean previous) {
    return new LogTailRequest(
        List.of(task("abc123")), Set.of(), Optional.empty(), tailLines, follow, previous);
  }

  private static String event(String id, long timestamp, String message) {
    return "{\"logStreamName\":\""
        + STREAM
        + "\",\"timestamp\":"
        + timestamp
        + ",\"ingestionTime\":"
        + (timestamp + 5)
        + ",\"message\":\""
        + message.replace("\n", "\\n")
        + "\",\"eventId\":\""
        + id
        + "\"}";
  }

  private static String page(List<String> events, String nextToken) {
    return "{\"events\":["
        + String.join(",", events)
        + "],\"searchedLogStreams\":[]"
        + (nextToken == null ? "" : ",\"nextToken\":\"" + nextToken + "\"")
        + "}";
  }

  @Test
  void servesTheTasksOfItsRegionOnly() {
    assertThat(tails.serves(task("abc123"))).isTrue();
    assertThat(tails.serves(WorkloadBuilder.task("x").region("eu-west-1").app("app").build()))
        .isFalse();
    assertThat(tails.serves(WorkloadBuilder.pod("x").app("app").build())).isFalse();
  }

  @Test
  void theWindowIsReadPageByPageAndItsLastTailLinesAreDelivered() throws Exception {
    long t = WINDOW_START + 60_000;
    logs.answer(
        r ->
            r.body().has("nextToken")
                ? Answer.ok(
                    page(List.of(event("3", t + 3, "four"), event("4", t + 4, "five")), null))
                : Answer.ok(
                    page(
                        List.of(event("1", t + 1, "one"), event("2", t + 2, "two\nthree\n")),
                        "p2")));

    try (LogTails.Tail tail = tails.open(request(3, false, false), sink)) {
      assertThat(sink.next(Phase.ENDED).sentence())
          .isEqualTo("read 3 lines of stream " + STREAM + " of log group " + GROUP);
    }

    assertThat(sink.lines()).extracting(LogLine::text).containsExactly("three", "four", "five");
    LogLine three = sink.lines().get(0);
    assertThat(three.time()).isEqualTo(Instant.ofEpochMilli(t + 2));
    assertThat(three.stream())
        .isEqualTo(
            new LogStream(LogStream.CLOUDWATCH, task("abc123").id(), "abc123", "app", false));
    List<Request> asked = logs.requests();
    assertThat(asked).hasSize(2).allMatch(r -> r.operation().equals("FilterLogEvents"));
    assertThat(asked.get(0).body().get("logGroupName").asText()).isEqualTo(GROUP);
    assertThat(asked.get(0).body().get("logStreamNames").get(0).asText()).isEqualTo(STREAM);
    assertThat(asked.get(0).body().get("startTime").asLong()).isEqualTo(WINDOW_START);
    assertThat(asked.get(1).body().get("nextToken").asText()).isEqualTo("p2");
    assertThat(asked.get(1).body().get("startTime").asLong()).isEqualTo(WINDOW_START);
  }

  @Test
  void followingAsksFromTheLastEventAndSkipsEventsAlreadySeen() throws Exception {
    long t = WINDOW_START + 60_000;
    List<String[]> stored = new CopyOnWriteArrayList<>();
    stored.add(new String[] {"1", String.valueOf(t), "one"});
    stored.add(new String[] {"2", String.valueOf(t + 1000), "two"});
    logs.answer(
        r -> {
          long from = r.body().get("startTime").asLong();
          List<String> events = new ArrayList<>();
          for (String[] e : stored) {
            if (Long.parseLong(e[1]) >= from) {
              events.add(event(e[0], Long.parseLong(e[1]), e[2]));
            }
          }
          return Answer.ok(page(events, null));
        });

    tails.open(request(10, true, false), sink);
    assertThat(sink.nextLines(2)).extracting(LogLine::text).containsExactly("one", "two");
    // A later event at the same millisecond as the last one, and one after it.
    stored.add(new String[] {"3", String.valueOf(t + 1000), "two and a half"});
    stored.add(new String[] {"4", String.valueOf(t + 2000), "three"});
    assertThat(sink.nextLines(2))
        .extracting(LogLine::text)
        .containsExactly("two and a half", "three");
    // Three more rounds, each answering the events at the last time again.
    int seen = logs.requests().size();
    while (logs.requests().size() < seen + 3) {
      assertThat(logs.next()).isNotNull();
    }

    assertThat(sink.lines())
        .extracting(LogLine::text)
        .containsExactly("one", "two", "two and a half", "three");
    assertThat(logs.requests().get(logs.requests().size() - 1).body().get("startTime").asLong())
        .isEqualTo(t + 2000);
    assertThat(sink.states().get(1).phase()).isEqualTo(Phase.LIVE);
  }

  @Test
  void throttlingSlowsTheStreamDownAndSaysSo() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    logs.answer(
        r ->
            calls.incrementAndGet() <= 2
                ? Answer.error("ThrottlingException", "Rate exceeded")
                : Answer.ok(page(List.of(event("1", WINDOW_START + 1, "after the storm")), null)));

    tails.open(request(10, true, false), sink);

    LogStreamState throttled = sink.next(Phase.RECONNECTING);
    assertThat(throttled.sentence()).startsWith("throttled by CloudWatch Logs; slowing down");
    assertThat(sink.next(Phase.LIVE)).isNotNull();
    assertThat(sink.nextLine().text()).isEqualTo("after the storm");
    assertThat(calls.get()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aStreamNotWrittenYetIsAskedForAgainWhileFollowing() throws Exception {
    logs.answer(
        r -> Answer.error("ResourceNotFoundException", "The specified log stream does not exist."));

    tails.open(request(10, true, false), sink);

    assertThat(sink.next(Phase.CONNECTING).sentence()).startsWith("asking CloudWatch Logs");
    assertThat(sink.next(Phase.CONNECTING).sentence())
        .startsWith("no log stream " + STREAM + " in group " + GROUP + " yet; asking again in");
    assertThat(logs.next()).isNotNull();
    assertThat(logs.next()).as("asked again").isNotNull();
  }

  @Test
  void aMissingGroupFailsATailThatDoesNotFollow() throws Exception {
    logs.answer(
        r -> Answer.error("ResourceNotFoundException", "The specified log group does not exist."));

    tails.open(request(10, false, false), sink);

    assertThat(sink.next(Phase.FAILED).sentence())
        .isEqualTo("no log group " + GROUP + " in us-east-1 yet");
  }

  @Test
  void accessDeniedFailsWithOneSentence() throws Exception {
    logs.answer(
        r ->
            Answer.error(
                "AccessDeniedException", "User is not authorized to perform logs:FilterLogEvents"));

    tails.open(request(10, true, false), sink);

    assertThat(sink.next(Phase.FAILED).sentence())
        .isEqualTo(
            "not allowed to read log group " + GROUP + " in us-east-1 (AccessDeniedException)");
  }

  @Test
  void aContainerWhoseLogsGoElsewhereSaysWhereAndIsNotAskedFor() throws Exception {
    Workload task =
        WorkloadBuilder.task("abc123")
            .app(
                ContainerSpec.builder("app", "app:1")
                    .logConfig(new LogConfig("awsfirelens", Map.of("Name", "splunk"))))
            .build();

    tails.open(
        new LogTailRequest(List.of(task), Set.of(), Optional.empty(), 10, true, false), sink);

    assertThat(sink.next(Phase.ELSEWHERE).sentence())
        .isEqualTo("logs go to Splunk through FireLens (output splunk), not to CloudWatch Logs");
    assertThat(logs.requests()).isEmpty();
  }

  @Test
  void previousSaysCloudWatchKeepsEveryRunInOneStream() throws Exception {
    logs.answer(r -> Answer.ok(page(List.of(event("1", WINDOW_START + 1, "hello")), null)));

    tails.open(request(10, false, true), sink);

    assertThat(sink.next(Phase.ENDED).sentence())
        .endsWith("; CloudWatch Logs keeps every run of a container in one stream, shown whole");
    assertThat(sink.lines()).extracting(LogLine::text).containsExactly("hello");
  }

  @Test
  void allTailsOfARegionTogetherStayWithinFiveRequestsASecond() throws Exception {
    logs.answer(r -> Answer.ok(page(List.of(), null)));
    List<Workload> tasks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tasks.add(
          WorkloadBuilder.task("task" + i)
              .app(awslogs("app"))
              .sidecar(SidecarKind.ENVOY, awslogs("envoy"))
              .build());
    }
    // Two tails over the same region share its budget.
    tails.open(
        new LogTailRequest(tasks.subList(0, 2), Set.of(), Optional.empty(), 10, true, false), sink);
    tails.open(
        new LogTailRequest(tasks.subList(2, 4), Set.of(), Optional.empty(), 10, true, false),
        new RecordingLogSink());

    for (int i = 0; i < 16; i++) {
      assertThat(logs.next()).isNotNull();
    }

    List<Long> arrivals =
        logs.requests().stream().map(Request::arrivedNanos).sorted().collect(Collectors.toList());
    long second = Duration.ofSeconds(1).toNanos();
    int most = 0;
    for (int i = 0; i < arrivals.size(); i++) {
      int inWindow = 0;
      for (int j = i; j < arrivals.size() && arrivals.get(j) - arrivals.get(i) < second; j++) {
        inWindow++;
      }
      most = Math.max(most, inWindow);
    }
    assertThat(most).isBetween(1, CloudWatchLogTails.REQUESTS_PER_SECOND);
  }

  private static LogTailRequest since(Duration since, int tailLines, boolean follow) {
    return new LogTailRequest(
        List.of(task("abc123")), Set.of(), Optional.of(since), tailLines, follow, false);
  }

  @Test
  void closingTheSourceFinishesEveryOpenStreamOnceAndThenFallsSilent() throws Exception {
    logs.answer(r -> Answer.ok(page(List.of(event("1", WINDOW_START + 1, "hello")), null)));
    Workload task =
        WorkloadBuilder.task("abc123")
            .app(awslogs("app"))
            .sidecar(
                SidecarKind.ENVOY,
                ContainerSpec.builder("envoy", "envoy:1")
                    .logConfig(new LogConfig("awsfirelens", Map.of("Name", "splunk"))))
            .build();

    tails.open(
        new LogTailRequest(List.of(task), Set.of(), Optional.empty(), 10, true, false), sink);
    assertThat(sink.next(Phase.LIVE)).isNotNull();
    tails.close();
    sink.seal();

    assertThat(sink.states().stream().filter(s -> s.phase() == Phase.FAILED))
        .as("the stream that went elsewhere had finished already")
        .extracting(s -> s.stream().container(), LogStreamState::sentence)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("app", "the log source was stopped"));
    Thread.sleep(100);
    assertThat(sink.lateCalls()).isZero();
  }

  @Test
  void anUnexpectedFailureEndsAFollowedStreamWithOneSentence() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    Clock failsAfterTheWindow =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            if (reads.incrementAndGet() > 1) {
              throw new IllegalStateException("the clock broke");
            }
            return NOW;
          }
        };
    tails.close();
    tails =
        new CloudWatchLogTails(
            connection,
            CloudWatchLogTails.Settings.defaults()
                .withPollInterval(Duration.ofMillis(10))
                .withMaxInterval(Duration.ofMillis(40))
                .withClock(failsAfterTheWindow));
    // An event without a timestamp is timed by the clock, which fails.
    logs.answer(
        r ->
            Answer.ok(
                "{\"events\":[{\"logStreamName\":\""
                    + STREAM
                    + "\",\"message\":\"untimed\",\"eventId\":\"1\"}]}"));

    tails.open(request(10, true, false), sink);

    assertThat(sink.next(Phase.FAILED).sentence())
        .isEqualTo(
            "reading the log of stream "
                + STREAM
                + " of log group "
                + GROUP
                + " failed unexpectedly; the details are in the log file");
  }

  @Test
  void aFailureOfTheServiceSlowsAFollowedStreamDown() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    logs.answer(
        r ->
            switch (calls.incrementAndGet()) {
              case 1 ->
                  new Answer(
                      503,
                      "{\"__type\":\"ServiceUnavailableException\",\"message\":\"try later\"}");
              case 2 -> new Answer(500, "{\"__type\":\"InternalFailure\",\"message\":\"oops\"}");
              default ->
                  Answer.ok(page(List.of(event("1", WINDOW_START + 1, "after the outage")), null));
            });

    tails.open(request(10, true, false), sink);

    assertThat(sink.next(Phase.RECONNECTING).sentence())
        .startsWith(
            "CloudWatch Logs answered ServiceUnavailableException for stream "
                + STREAM
                + "; asking again in");
    assertThat(sink.next(Phase.RECONNECTING).sentence())
        .startsWith("CloudWatch Logs answered InternalFailure for stream " + STREAM);
    assertThat(sink.next(Phase.LIVE)).isNotNull();
    assertThat(sink.nextLine().text()).isEqualTo("after the outage");
    assertThat(sink.states()).noneMatch(s -> s.phase() == Phase.FAILED);
  }

  @Test
  void aFailureOfTheServiceFailsATailThatDoesNotFollow() throws Exception {
    logs.answer(
        r ->
            new Answer(
                503, "{\"__type\":\"ServiceUnavailableException\",\"message\":\"try later\"}"));

    tails.open(request(10, false, false), sink);

    assertThat(sink.next(Phase.FAILED).sentence())
        .isEqualTo("CloudWatch Logs answered ServiceUnavailableException for stream " + STREAM);
  }

  @Test
  void noClientIsBuiltOnceTheSourceIsClosed() {
    tails.close();

    assertThat(tails.client("us-east-1")).as("a poller that raced close gets none").isNull();
  }

  @Test
  void noLinesWantedFromAWindowThatIsNotFollowedAsksNothing() throws Exception {
    tails.open(since(Duration.ofHours(1), 0, false), sink);

    assertThat(sink.next(Phase.ENDED).sentence())
        .isEqualTo("read 0 lines of stream " + STREAM + " of log group " + GROUP);
    Thread.sleep(100);
    assertThat(logs.requests()).isEmpty();
    assertThat(sink.lines()).isEmpty();
  }

  @Test
  void noLinesWantedFromAWindowThatIsFollowedStartsFromNow() throws Exception {
    long fresh = NOW.toEpochMilli() + 5;
    logs.answer(r -> Answer.ok(page(List.of(event("1", fresh, "fresh")), null)));

    tails.open(since(Duration.ofHours(1), 0, true), sink);

    assertThat(sink.nextLine().text()).isEqualTo("fresh");
    assertThat(logs.requests().get(0).body().get("startTime").asLong())
        .isEqualTo(NOW.toEpochMilli());
    assertThat(logs.requests().get(0).body().has("nextToken")).isFalse();
  }
}
