package dev.sidescope.collectors.xray.api;

import static dev.sidescope.collectors.xray.api.XRayApiServiceGraphTest.read;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidescope.collectors.aws.CannedHttpClient;
import dev.sidescope.collectors.aws.CannedHttpClient.Answer;
import dev.sidescope.collectors.xray.api.CannedXRay.RecordingSink;
import dev.sidescope.testing.RepositoryFolders;
import dev.sidescope.topology.model.traffic.Trace;
import dev.sidescope.topology.model.traffic.TraceSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One whole trace through {@code BatchGetTraces}: the AWS CLI's Scorekeep example
 * (fixtures/xray/batch_get_traces_scorekeep.json), served byte for byte as X-Ray's answer.
 */
class XRayApiTraceTest {
  static final String TRACE_ID = "1-5d82881a-0a9126e92a73e971eed891b9";

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  static String scorekeep() {
    try {
      return Files.readString(
          RepositoryFolders.fixtures().resolve("xray/batch_get_traces_scorekeep.json"),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void scorekeepsTraceBecomesItsSpansInWaterfallOrder() throws Exception {
    String fixture = scorekeep();
    CannedHttpClient xray = new CannedHttpClient(c -> Answer.ok(fixture));
    try (XRayApiSource source = CannedXRay.source(home, xray, new RecordingSink())) {
      Trace trace = source.trace(TRACE_ID).get(10, SECONDS).orElseThrow();

      assertThat(trace.id()).isEqualTo(TRACE_ID);
      assertThat(trace.duration()).isEqualTo(Duration.ofMillis(232));
      assertThat(trace.spans())
          .extracting(
              TraceSpan::id,
              TraceSpan::name,
              TraceSpan::segment,
              TraceSpan::depth,
              TraceSpan::parentId)
          .containsExactly(
              tuple("54aff5735b12dd28", "Scorekeep", true, 0, Optional.empty()),
              tuple("2d6900034ccfe558", "DynamoDB", false, 1, Optional.of("54aff5735b12dd28")),
              tuple("0f278b6334c34e6b", "DynamoDB", true, 2, Optional.of("2d6900034ccfe558")));
      TraceSpan root = trace.spans().get(0);
      assertThat(root.httpStatus()).isEqualTo(OptionalInt.of(200));
      assertThat(root.start()).isEqualTo(Instant.parse("2019-09-18T19:40:10.432Z"));
      assertThat(trace.spans().get(1).namespace()).contains("aws");

      assertThat(xray.calls()).hasSize(1);
      assertThat(xray.calls().get(0).operation()).isEqualTo("/Traces");
      assertThat(read(xray.calls().get(0).body()).path("TraceIds"))
          .extracting(n -> n.asText())
          .containsExactly(TRACE_ID);
    }
  }

  @Test
  void aTraceXRayNoLongerHasIsEmpty() throws Exception {
    CannedHttpClient xray =
        new CannedHttpClient(
            c -> Answer.ok("{\"Traces\": [], \"UnprocessedTraceIds\": [\"" + TRACE_ID + "\"]}"));
    try (XRayApiSource source = CannedXRay.source(home, xray, new RecordingSink())) {
      assertThat(source.trace(TRACE_ID).get(10, SECONDS)).isEmpty();
    }
  }

  @Test
  void aTraceWhoseSegmentsAreAllUnreadableFailsWithOneSentence() {
    CannedHttpClient xray =
        new CannedHttpClient(
            c ->
                Answer.ok(
                    "{\"Traces\": [{\"Id\": \""
                        + TRACE_ID
                        + "\", \"Segments\": [{\"Id\": \"54aff5735b12dd28\","
                        + " \"Document\": \"{not json\"}]}]}"));
    try (XRayApiSource source = CannedXRay.source(home, xray, new RecordingSink())) {
      assertThatThrownBy(() -> source.trace(TRACE_ID).get(10, SECONDS))
          .cause()
          .isInstanceOf(XRayQueryException.class)
          .hasMessage("X-Ray's 1 segment of trace " + TRACE_ID + " could not be read.");
    }
  }

  @Test
  void aTraceFollowsNextTokenForTheRestOfItsSegments() throws Exception {
    // The fixture's two segments, one page each; the first page points to the second.
    ObjectNode first = (ObjectNode) JSON.readTree(scorekeep());
    ObjectNode second = first.deepCopy();
    ((ArrayNode) first.path("Traces").get(0).path("Segments")).remove(1);
    ((ArrayNode) second.path("Traces").get(0).path("Segments")).remove(0);
    first.put("NextToken", "s2");
    CannedHttpClient xray =
        new CannedHttpClient(
            c ->
                c.body().contains("NextToken")
                    ? Answer.ok(second.toString())
                    : Answer.ok(first.toString()));
    try (XRayApiSource source = CannedXRay.source(home, xray, new RecordingSink())) {
      Trace trace = source.trace(TRACE_ID).get(10, SECONDS).orElseThrow();

      assertThat(xray.calls()).hasSize(2);
      assertThat(read(xray.calls().get(1).body()).path("NextToken").asText()).isEqualTo("s2");
      assertThat(trace.spans())
          .extracting(TraceSpan::id)
          .as("the inferred DynamoDB segment came on the second page")
          .contains("0f278b6334c34e6b")
          .hasSize(3);
    }
  }
}
