package dev.sidescope.collectors.ecs.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.sidescope.collectors.aws.AwsConnection;
import dev.sidescope.collectors.aws.AwsEnvironment;
import dev.sidescope.collectors.aws.AwsResolution;
import dev.sidescope.collectors.ecs.events.FakeEcs.Answer;
import dev.sidescope.collectors.testing.RecordingEventSink;
import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.testing.time.ManualClock;
import dev.sidescope.topology.events.EventFeedState.Phase;
import dev.sidescope.topology.events.PlatformEvent;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.source.EventFeeds;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ECS task and service events read from a loopback endpoint that speaks ECS's JSON protocol. */
class EcsEventFeedsTest {
  private static final Instant NOW = Instant.parse("2026-12-08T03:00:00Z");
  private static final String TASK = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  private static final String ARN = "arn:aws:ecs:us-east-1:123456789012:task/payments-prod/" + TASK;

  @TempDir Path home;
  private final FakeEcs ecs = new FakeEcs();
  private final RecordingEventSink sink = new RecordingEventSink();
  private AwsConnection connection;
  private EcsEventFeeds feeds;

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
                    "AWS_ENDPOINT_URL", ecs.url()),
                home));
    connection = ((AwsResolution.Found) aws).connection();
    feeds =
        new EcsEventFeeds(
            connection,
            EcsEventFeeds.Settings.defaults()
                .withPollInterval(Duration.ofMillis(20))
                .withMaxInterval(Duration.ofMillis(80))
                .withClock(new ManualClock(NOW)));
  }

  @AfterEach
  void close() {
    feeds.close();
    connection.close();
    ecs.close();
  }

  private static Workload statementsTask() {
    return WorkloadBuilder.task(TASK)
        .cluster("payments-prod")
        .owner("Service/statements")
        .app("statements")
        .sidecar(SidecarKind.FLUENT_BIT, "log-router")
        .build();
  }

  /** The broken sample's statements task: its non-essential log router was OOM-killed. */
  private static String describeTasks() {
    return "{\"tasks\":[{\"taskArn\":\""
        + ARN
        + "\",\"clusterArn\":\"arn:aws:ecs:us-east-1:123456789012:cluster/payments-prod\","
        + "\"lastStatus\":\"RUNNING\",\"desiredStatus\":\"RUNNING\",\"group\":\"service:statements\","
        + "\"containers\":["
        + "{\"name\":\"statements\",\"lastStatus\":\"RUNNING\"},"
        + "{\"name\":\"log-router\",\"lastStatus\":\"STOPPED\",\"exitCode\":137,"
        + "\"reason\":\"OutOfMemoryError: Container killed due to memory usage\"}]}],"
        + "\"failures\":[]}";
  }

  private static String describeServices() {
    long t = NOW.getEpochSecond();
    return "{\"services\":[{\"serviceName\":\"statements\",\"events\":["
        + serviceEvent("e3", t - 60, "(service statements) has reached a steady state.")
        + ","
        + serviceEvent(
            "e2", t - 600, "(service statements) has started 1 tasks: (task " + TASK + ").")
        + ","
        + serviceEvent(
            "e1", t - 660, "(service statements) has stopped 1 running tasks: (task 9a8b7c).")
        + "]}],\"failures\":[]}";
  }

  private static String serviceEvent(String id, long createdAt, String message) {
    return "{\"id\":\""
        + id
        + "\",\"createdAt\":"
        + createdAt
        + ",\"message\":\""
        + message
        + "\"}";
  }

  private static Answer sample(FakeEcs.Request r) {
    return r.operation().equals("DescribeTasks")
        ? Answer.ok(describeTasks())
        : Answer.ok(describeServices());
  }

  @Test
  void servesTheTasksOfItsRegionOnly() {
    assertThat(feeds.serves(statementsTask())).isTrue();
    assertThat(feeds.serves(WorkloadBuilder.task("x").region("eu-west-1").app("app").build()))
        .isFalse();
    assertThat(feeds.serves(WorkloadBuilder.pod("x").app("app").build())).isFalse();
  }

  @Test
  void aStoppedLogRouterAndTheServicesEventsComeNewestFirst() throws Exception {
    ecs.answer(EcsEventFeedsTest::sample);

    feeds.open(List.of(statementsTask()), sink);

    List<PlatformEvent> events =
        sink.awaitEvents(statementsTask().id(), "four events", l -> l.size() == 4);
    assertThat(events)
        .extracting(
            PlatformEvent::reason,
            PlatformEvent::type,
            PlatformEvent::subjectKind,
            PlatformEvent::message)
        .containsExactly(
            tuple(
                "ContainerStopped",
                PlatformEvent.Type.WARNING,
                "Task",
                "log-router stopped with exit code 137: OutOfMemoryError: Container killed due to"
                    + " memory usage"),
            tuple(
                "ServiceEvent",
                PlatformEvent.Type.NORMAL,
                "Service",
                "(service statements) has reached a steady state."),
            tuple(
                "ServiceEvent",
                PlatformEvent.Type.NORMAL,
                "Service",
                "(service statements) has started 1 tasks: (task " + TASK + ")."),
            tuple(
                "ServiceEvent",
                PlatformEvent.Type.WARNING,
                "Service",
                "(service statements) has stopped 1 running tasks: (task 9a8b7c)."));
    assertThat(events.get(0).container()).contains("log-router");
    assertThat(events.get(0).last()).isEqualTo(NOW);
    assertThat(events.get(1).last()).isEqualTo(NOW.minusSeconds(60));
    assertThat(events.get(1).origin()).isEqualTo("ecs");
    assertThat(sink.awaitState(statementsTask().id(), Phase.LIVE).sentence())
        .isEqualTo("polling the task's and its service's events every 0.02 s");
    assertThat(ecs.requests().get(0).body().get("tasks").get(0).asText()).isEqualTo(TASK);
    assertThat(ecs.requests().get(0).body().get("cluster").asText()).isEqualTo("payments-prod");
  }

  @Test
  void aStoppedTaskSaysWhyWithItsStopCode() throws Exception {
    long stopped = NOW.minusSeconds(120).getEpochSecond();
    ecs.answer(
        r ->
            r.operation().equals("DescribeTasks")
                ? Answer.ok(
                    "{\"tasks\":[{\"taskArn\":\""
                        + ARN
                        + "\",\"lastStatus\":\"STOPPED\",\"stopCode\":\"EssentialContainerExited\","
                        + "\"stoppedReason\":\"Essential container in task exited\","
                        + "\"stoppedAt\":"
                        + stopped
                        + ",\"containers\":[{\"name\":\"statements\",\"lastStatus\":\"STOPPED\","
                        + "\"exitCode\":1}]}],\"failures\":[]}")
                : Answer.ok("{\"services\":[],\"failures\":[]}"));

    feeds.open(List.of(statementsTask()), sink);

    List<PlatformEvent> events =
        sink.awaitEvents(statementsTask().id(), "two events", l -> l.size() == 2);
    assertThat(events)
        .extracting(PlatformEvent::reason, PlatformEvent::message)
        .containsExactlyInAnyOrder(
            tuple("TaskStopped", "Essential container in task exited (EssentialContainerExited)"),
            tuple("ContainerStopped", "statements stopped with exit code 1"));
    assertThat(events).allMatch(e -> e.last().equals(Instant.ofEpochSecond(stopped)));
  }

  @Test
  void throttlingIsFailedInOneSentenceAndPollingGoesOn() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ecs.answer(
        r ->
            calls.incrementAndGet() <= 2
                ? Answer.error(400, "ThrottlingException", "Rate exceeded")
                : sample(r));

    feeds.open(List.of(statementsTask()), sink);

    assertThat(sink.awaitState(statementsTask().id(), Phase.FAILED).sentence())
        .isEqualTo("throttled by ECS in us-east-1; asking again in 0.04 s");
    sink.awaitState(statementsTask().id(), Phase.LIVE);
    assertThat(sink.awaitEvents(statementsTask().id(), "the events", l -> l.size() == 4))
        .isNotEmpty();
  }

  @Test
  void aFailureOfTheServiceIsFailedAndTheWaitDoublesUntilItAnswers() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ecs.answer(
        r ->
            calls.incrementAndGet() <= 3
                ? Answer.error(500, "ServerException", "Service unavailable")
                : sample(r));

    feeds.open(List.of(statementsTask()), sink);

    assertThat(sink.awaitState(statementsTask().id(), Phase.FAILED).sentence())
        .isEqualTo(
            "ECS answered ServerException to DescribeTasks on cluster payments-prod; asking again"
                + " in 0.04 s");
    assertThat(sink.awaitState(statementsTask().id(), Phase.FAILED).sentence())
        .endsWith("; asking again in 0.08 s");
    sink.awaitState(statementsTask().id(), Phase.LIVE);
  }

  @Test
  void aRefusedCallSaysWhichCallOnWhichCluster() throws Exception {
    ecs.answer(
        r ->
            r.operation().equals("DescribeServices")
                ? Answer.error(400, "AccessDeniedException", "not authorized")
                : Answer.ok(describeTasks()));

    feeds.open(List.of(statementsTask()), sink);

    assertThat(sink.awaitState(statementsTask().id(), Phase.FAILED).sentence())
        .startsWith(
            "not allowed to call DescribeServices on cluster payments-prod"
                + " (AccessDeniedException); asking again in ");
    assertThat(sink.awaitEvents(statementsTask().id(), "the task's", l -> l.size() == 1))
        .extracting(PlatformEvent::reason)
        .containsExactly("ContainerStopped");
  }

  @Test
  void aTaskEcsNoLongerKnowsIsGone() throws Exception {
    ecs.answer(
        r ->
            Answer.ok(
                "{\"tasks\":[],\"services\":[],\"failures\":[{\"arn\":\""
                    + ARN
                    + "\",\"reason\":\"MISSING\"}]}"));

    feeds.open(List.of(statementsTask()), sink);

    assertThat(sink.awaitState(statementsTask().id(), Phase.GONE).sentence())
        .isEqualTo("task " + TASK + " no longer exists in cluster payments-prod");
  }

  @Test
  void itOnlyDescribesAndStopsWhenClosed() throws Exception {
    ecs.answer(EcsEventFeedsTest::sample);
    try (EventFeeds.Feed feed = feeds.open(List.of(statementsTask()), sink)) {
      sink.awaitState(statementsTask().id(), Phase.LIVE);
    }
    sink.seal();

    assertThat(ecs.requests())
        .extracting(FakeEcs.Request::operation)
        .containsOnly("DescribeTasks", "DescribeServices");
    assertThat(sink.lateCalls()).isZero();
    assertThat(sink.overlappingCalls()).isZero();
  }
}
