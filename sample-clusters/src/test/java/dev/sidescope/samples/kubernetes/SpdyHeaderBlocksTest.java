package dev.sidescope.samples.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPDY/3 header blocks, written by one end of a connection and read by the other. */
class SpdyHeaderBlocksTest {
  @Test
  void blocksWrittenInTurnAreReadInTurnFromOneStream() {
    SpdyHeaderBlocks writer = new SpdyHeaderBlocks();
    SpdyHeaderBlocks reader = new SpdyHeaderBlocks();
    List<Map<String, String>> sent =
        List.of(
            Map.of("streamtype", "error", "port", "9901", "requestid", "0"),
            Map.of("streamtype", "data", "port", "9901", "requestid", "0"),
            Map.of(),
            Map.of("streamtype", "data", "port", "15000", "requestid", "1"));

    for (Map<String, String> headers : sent) {
      assertThat(reader.read(writer.write(headers))).isEqualTo(headers);
    }
  }

  @Test
  void namesAreReadInLowerCase() {
    Map<String, String> sent = new LinkedHashMap<>();
    sent.put("StreamType", "data");

    assertThat(new SpdyHeaderBlocks().read(new SpdyHeaderBlocks().write(sent)))
        .containsOnlyKeys("streamtype");
  }

  @Test
  void theDictionaryIsTheOneSpdy3Defines() {
    String text = new String(SpdyHeaderBlocks.DICTIONARY, StandardCharsets.US_ASCII);

    assertThat(SpdyHeaderBlocks.DICTIONARY).hasSize(1423);
    assertThat(text).startsWith("\0\0\0\7options\0\0\0\4head").endsWith("utf-,*,enq=0.");
  }

  @Test
  void bytesThatAreNotZlibAreRefusedWithASentence() {
    Buffer garbage = Buffer.buffer("not a header block", "UTF-8");

    assertThatThrownBy(() -> new SpdyHeaderBlocks().read(garbage))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a SPDY header block is not zlib data");
  }
}
