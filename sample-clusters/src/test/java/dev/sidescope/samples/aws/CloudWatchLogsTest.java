package dev.sidescope.samples.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.samples.SampleClusterServer;
import dev.sidescope.samples.folder.BuiltInSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * CloudWatch Logs on the seed sample's AWS endpoint, called through the AWS SDK's {@link
 * CloudWatchLogsClient}, after a minute of its traffic driven by hand.
 */
class CloudWatchLogsTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final String GROUP = "/ecs/order-service";

  private static SampleClusterServer server;
  private static SampleAwsEndpoint endpoint;
  private static CloudWatchLogsClient logs;

  @BeforeAll
  static void serveAMinuteOfTheSeed() throws Exception {
    server = new SampleClusterServer(Clock.fixed(NOW, ZoneOffset.UTC));
    server.start(BuiltInSamples.folder("seed").orElseThrow(), 0);
    server.traffic().orElseThrow().advanceTo(NOW.plusSeconds(60));
    endpoint = server.awsEndpoint().orElseThrow();
    logs = client(endpoint);
  }

  @AfterAll
  static void stop() {
    logs.close();
    server.stop();
  }

  static CloudWatchLogsClient client(SampleAwsEndpoint endpoint) {
    return CloudWatchLogsClient.builder()
        .endpointOverride(endpoint.url())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDANY", "any-secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @Test
  void theGroupsAreThoseTheTaskDefinitionsLogTo() {
    assertThat(logs.describeLogGroups(r -> r.logGroupNamePrefix("/ecs/")).logGroups())
        .extracting(LogGroup::logGroupName)
        .containsExactly(GROUP);
    assertThat(logs.describeLogGroups(r -> r.logGroupNamePrefix("/eks/")).logGroups()).isEmpty();
  }

  @Test
  void eachTaskHasAStreamForItsAppNamedByPrefixContainerAndTaskAndNoneForItsLogSidecar() {
    List<LogStream> streams = logs.describeLogStreams(r -> r.logGroupName(GROUP)).logStreams();

    assertThat(streams)
        .hasSize(2)
        .extracting(LogStream::logStreamName)
        .allMatch(n -> n.matches("ecs/order-service/[0-9a-f]{32}"))
        .noneMatch(n -> n.contains("fluent-bit"));
    assertThat(streams)
        .allSatisfy(
            s ->
                assertThat(s.lastEventTimestamp())
                    .isGreaterThan(NOW.toEpochMilli())
                    .isLessThanOrEqualTo(NOW.plusSeconds(60).toEpochMilli()));
    List<LogStream> byLastEvent =
        logs.describeLogStreams(
                r ->
                    r.logGroupName(GROUP)
                        .orderBy(OrderBy.LAST_EVENT_TIME)
                        .descending(true)
                        .limit(1))
            .logStreams();
    assertThat(byLastEvent.get(0).lastEventTimestamp())
        .isEqualTo(streams.stream().mapToLong(LogStream::lastEventTimestamp).max().orElseThrow());
  }

  @Test
  void filterLogEventsPagesThroughEveryEventOfTheTimeRangeOnceInOrder() {
    long start = NOW.plusSeconds(10).toEpochMilli();
    long end = NOW.plusSeconds(40).toEpochMilli();
    List<FilteredLogEvent> whole =
        logs.filterLogEvents(r -> r.logGroupName(GROUP).startTime(start).endTime(end)).events();

    List<FilteredLogEvent> paged = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      FilterLogEventsResponse page =
          logs.filterLogEvents(
              FilterLogEventsRequest.builder()
                  .logGroupName(GROUP)
                  .startTime(start)
                  .endTime(end)
                  .limit(50)
                  .nextToken(token)
                  .build());
      paged.addAll(page.events());
      token = page.nextToken();
      pages++;
    } while (token != null);

    assertThat(whole).hasSizeGreaterThan(100);
    assertThat(pages).isEqualTo((whole.size() + 49) / 50);
    assertThat(paged).isEqualTo(whole);
    assertThat(paged)
        .extracting(FilteredLogEvent::timestamp)
        .isSorted()
        .allMatch(t -> t >= start && t <= end);
    assertThat(paged).extracting(FilteredLogEvent::eventId).doesNotHaveDuplicates();
    // The app writes a JSON line for each request its task served, with the request's trace.
    assertThat(paged)
        .extracting(FilteredLogEvent::message)
        .allMatch(m -> m.startsWith("{\"timestamp\":\"") && m.contains("\"traceId\":\"1-"));
  }

  @Test
  void aFilterPatternKeepsTheEventsThatHoldEveryTerm() {
    List<FilteredLogEvent> all = logs.filterLogEvents(r -> r.logGroupName(GROUP)).events();

    List<FilteredLogEvent> posts =
        logs.filterLogEvents(r -> r.logGroupName(GROUP).filterPattern("\"POST /order-service\""))
            .events();

    assertThat(posts)
        .isNotEmpty()
        .isEqualTo(all.stream().filter(e -> e.message().contains("POST /order-service")).toList());
  }

  @Test
  void getLogEventsReadsAStreamForwardFromItsHeadTokenByToken() {
    String stream =
        logs.describeLogStreams(r -> r.logGroupName(GROUP)).logStreams().get(0).logStreamName();
    List<FilteredLogEvent> expected =
        logs.filterLogEvents(r -> r.logGroupName(GROUP).logStreamNames(stream)).events();

    List<OutputLogEvent> read = new ArrayList<>();
    GetLogEventsResponse page =
        logs.getLogEvents(
            r -> r.logGroupName(GROUP).logStreamName(stream).startFromHead(true).limit(40));
    read.addAll(page.events());
    while (!page.events().isEmpty()) {
      String token = page.nextForwardToken();
      page =
          logs.getLogEvents(
              r -> r.logGroupName(GROUP).logStreamName(stream).nextToken(token).limit(40));
      read.addAll(page.events());
    }

    assertThat(read)
        .extracting(OutputLogEvent::message)
        .isEqualTo(expected.stream().map(FilteredLogEvent::message).toList());
    GetLogEventsResponse latest =
        logs.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(stream).limit(5));
    assertThat(latest.events()).isEqualTo(read.subList(read.size() - 5, read.size()));
    String back = latest.nextBackwardToken();
    List<OutputLogEvent> before =
        logs.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(stream).nextToken(back).limit(5))
            .events();
    assertThat(before).isEqualTo(read.subList(read.size() - 10, read.size() - 5));
  }

  @Test
  void anUnknownGroupOrStreamIsNotFound() {
    assertThatThrownBy(() -> logs.filterLogEvents(r -> r.logGroupName("/ecs/nowhere")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("The specified log group does not exist.");
    assertThatThrownBy(
            () -> logs.getLogEvents(r -> r.logGroupName(GROUP).logStreamName("ecs/nowhere/0")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("The specified log stream does not exist.");
  }

  @Test
  void logsAreThrottledLikeEveryOtherCallOfTheEndpoint() {
    endpoint.faults().throttleNext(1);

    assertThatThrownBy(() -> logs.describeLogGroups(r -> r.logGroupNamePrefix("/")))
        .isInstanceOfSatisfying(
            CloudWatchLogsException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException"));
    assertThat(logs.describeLogGroups(r -> r.logGroupNamePrefix("/")).logGroups()).isNotEmpty();
  }

  @Test
  void aContainerSentThroughFireLensToCloudWatchHasItsStreamAndOneSentElsewhereHasNone(
      @TempDir Path folder) throws Exception {
    Files.createDirectories(folder.resolve("ecs"));
    Files.writeString(
        folder.resolve("ecs/web.json"),
        """
        {"family": "web", "requiresCompatibilities": ["FARGATE"], "containerDefinitions": [
          {"name": "app", "image": "example/web:1", "essential": true,
           "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch_logs",
             "region": "us-east-1", "log_group_name": "/ecs/web", "log_stream_prefix": "web/"}}},
          {"name": "search-sync", "image": "example/sync:1", "essential": false,
           "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "es",
             "Host": "search.internal", "Index": "web"}}},
          {"name": "log_router", "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.2",
           "essential": true, "firelensConfiguration": {"type": "fluentbit"}}
        ]}
        """);
    Files.writeString(
        folder.resolve("ecs/services.yaml"),
        "- {cluster: web-prod, service: web, taskDefinition: web, desiredCount: 1}\n");
    try (SampleAwsEndpoint web =
            SampleAwsEndpoint.forSample(folder, Clock.fixed(NOW, ZoneOffset.UTC)).start();
        CloudWatchLogsClient client = client(web)) {
      assertThat(client.describeLogGroups(r -> r.logGroupNamePrefix("")).logGroups())
          .extracting(LogGroup::logGroupName)
          .containsExactly("/ecs/web");
      assertThat(client.describeLogStreams(r -> r.logGroupName("/ecs/web")).logStreams())
          .extracting(LogStream::logStreamName)
          .singleElement()
          .asString()
          .matches("web/app-firelens-[0-9a-f]{32}");
    }
  }
}
