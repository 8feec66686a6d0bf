package dev.sidescope.collectors.xray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.testing.RepositoryFolders;
import dev.sidescope.topology.model.CredentialMask;
import dev.sidescope.topology.model.traffic.Trace;
import dev.sidescope.topology.model.traffic.TraceSpan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentDocumentsTest {
  private static final Path XRAY = RepositoryFolders.fixtures().resolve("xray");

  /** A daemon datagram's document: what follows the header line. */
  private static SegmentDocument datagram(String file) throws Exception {
    String text = Files.readString(XRAY.resolve(file));
    return SegmentDocuments.parse(text.substring(text.indexOf('\n') + 1));
  }

  @Test
  void aGoServerSegmentReadsItsServiceHttpAndTimes() throws Exception {
    SegmentDocument s = datagram("udp_segment_go_server.txt");
    assertThat(s.name()).isEqualTo("SampleServer");
    assertThat(s.id()).isEqualTo("bda182a644eee9b3");
    assertThat(s.traceId()).hasValue("1-5f2aebcc-b475d14618c51eaa28753d37");
    assertThat(s.isSegment()).isTrue();
    assertThat(s.parentId()).isEmpty();
    assertThat(s.httpStatus()).hasValue(200);
    assertThat(s.method()).hasValue("GET");
    assertThat(s.host()).hasValue("localhost");
    // 1596648396.6401389 - 1596648396.6399446 s
    assertThat(s.durationMs().getAsDouble()).isBetween(0.19, 0.20);
  }

  @Test
  void nestedAwsCallsKeepTheirNamespaceStatusAndFlags() throws Exception {
    SegmentDocument s = datagram("udp_segment_go_dynamodb_fault.txt");
    assertThat(s.name()).isEqualTo("DDB");
    assertThat(s.fault()).isTrue();
    List<SegmentDocument> calls = new ArrayList<>();
    collectCalls(s, calls);
    assertThat(calls)
        .extracting(SegmentDocument::name, d -> d.httpStatus().orElse(0), SegmentDocument::fault)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("dynamodb", 200, false),
            org.assertj.core.groups.Tuple.tuple("dynamodb", 400, true));
    assertThat(calls).allMatch(c -> c.namespace().orElse("").equals("aws"));
  }

  private static void collectCalls(SegmentDocument d, List<SegmentDocument> out) {
    for (SegmentDocument s : d.subsegments()) {
      if (s.isCallOut()) {
        out.add(s);
      }
      collectCalls(s, out);
    }
  }

  @Test
  void batchGetTracesDocumentsAssembleIntoOneWaterfall() throws Exception {
    JsonNode response =
        new ObjectMapper().readTree(XRAY.resolve("batch_get_traces_scorekeep.json").toFile());
    JsonNode trace = response.path("Traces").get(0);
    List<SegmentDocument> docs = new ArrayList<>();
    for (JsonNode segment : trace.path("Segments")) {
      docs.add(SegmentDocuments.parse(segment.path("Document").asText()));
    }
    // Given in the reverse order, the waterfall is the same.
    Trace whole = TraceAssembly.assemble(trace.path("Id").asText(), docs);
    List<SegmentDocument> backwards = new ArrayList<>(docs);
    java.util.Collections.reverse(backwards);
    Trace reversed = TraceAssembly.assemble(trace.path("Id").asText(), backwards);
    assertThat(reversed).isEqualTo(whole);
    assertThat(whole.spans())
        .extracting(TraceSpan::name, TraceSpan::depth, TraceSpan::segment)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Scorekeep", 0, true),
            org.assertj.core.groups.Tuple.tuple("DynamoDB", 1, false),
            // The inferred DynamoDB segment hangs under the subsegment that called it.
            org.assertj.core.groups.Tuple.tuple("DynamoDB", 2, true));
    // 1.568835610432E9 .. 1.568835610664E9
    assertThat(whole.duration().toMillis()).isEqualTo(232);
  }

  @Test
  void aSpanWhoseParentIsMissingBecomesARootAndACycleEndsOnce() throws Exception {
    SegmentDocument orphan =
        SegmentDocuments.parse(
            "{\"name\":\"payment-service\",\"id\":\"00000000000000aa\",\"trace_id\":\"1-5f2aebcc-b475d14618c51eaa28753d37\","
                + "\"parent_id\":\"00000000000000ff\",\"start_time\":10,\"end_time\":10.5}");
    SegmentDocument loopA =
        SegmentDocuments.parse(
            "{\"name\":\"a\",\"id\":\"000000000000000a\",\"parent_id\":\"000000000000000b\",\"start_time\":1,\"end_time\":2}");
    SegmentDocument loopB =
        SegmentDocuments.parse(
            "{\"name\":\"b\",\"id\":\"000000000000000b\",\"parent_id\":\"000000000000000a\",\"start_time\":1,\"end_time\":2}");
    assertThat(TraceAssembly.assemble("t", List.of(orphan)).spans())
        .extracting(TraceSpan::depth)
        .containsExactly(0);
    // Two documents naming each other as parent: no root among them, both still shown, once.
    assertThat(TraceAssembly.assemble("t", List.of(loopA, loopB)).spans())
        .extracting(TraceSpan::name)
        .containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void anInProgressDocumentGivesWayToTheCompleteOne() throws Exception {
    String started =
        "{\"name\":\"s\",\"id\":\"0000000000000001\",\"start_time\":1,\"in_progress\":true}";
    String ended = "{\"name\":\"s\",\"id\":\"0000000000000001\",\"start_time\":1,\"end_time\":3}";
    Trace t =
        TraceAssembly.assemble(
            "t", List.of(SegmentDocuments.parse(ended), SegmentDocuments.parse(started)));
    assertThat(t.spans()).singleElement().satisfies(s -> assertThat(s.end()).isPresent());
  }

  @Test
  void unknownFieldsAreIgnoredAndCredentialLikeAnnotationsMasked() throws Exception {
    SegmentDocument s =
        SegmentDocuments.parse(
            "{\"name\":\"s\",\"id\":\"0000000000000001\",\"start_time\":\"1.5\",\"end_time\":2,"
                + "\"whatever\":{\"x\":[1,2]},\"annotations\":{\"user\":\"ann\",\"api_token\":\"ghp_abcdefghijklmnopqrstuvwxyz0123456789\"}}");
    assertThat(s.startSeconds()).isEqualTo(1.5);
    assertThat(s.annotations()).containsEntry("user", "ann");
    assertThat(s.annotations().get("api_token")).isEqualTo(CredentialMask.MASK);
  }

  @Test
  void whatIsNotASegmentDocumentSaysSoInOneSentence() {
    assertThatThrownBy(() -> SegmentDocuments.parse("{not json"))
        .isInstanceOf(MalformedSegmentException.class)
        .hasMessage("The segment document is not JSON.");
    assertThatThrownBy(() -> SegmentDocuments.parse("[1,2]"))
        .hasMessage("The segment document is not a JSON object.");
    assertThatThrownBy(
            () -> SegmentDocuments.parse("{\"id\":\"zz\",\"name\":\"a\",\"start_time\":1}"))
        .hasMessage("A segment document has no id of hex digits.");
    assertThatThrownBy(() -> SegmentDocuments.parse("{\"id\":\"01\",\"start_time\":1}"))
        .hasMessage("The segment 01 has no name.");
    byte[] bytes = "xx{\"id\":\"01\",\"name\":\"a\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SegmentDocuments.parse(bytes, 2, bytes.length - 2))
        .hasMessage("The segment 01 has no start time.");
  }
}
