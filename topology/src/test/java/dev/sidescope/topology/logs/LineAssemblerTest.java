package dev.sidescope.topology.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineAssemblerTest {
  private final List<String> lines = new ArrayList<>();
  private final LineAssembler assembler = new LineAssembler(lines::add);

  private void feedInChunks(byte[] bytes, int chunk) {
    for (int i = 0; i < bytes.length; i += chunk) {
      assembler.feed(bytes, i, Math.min(chunk, bytes.length - i));
    }
  }

  @Test
  void splitsAtNewlinesAndDropsTheCarriageReturnOfCrlf() {
    byte[] bytes = "one\r\ntwo\nthree\r\n".getBytes(StandardCharsets.UTF_8);

    assembler.feed(bytes, 0, bytes.length);

    assertThat(lines).containsExactly("one", "two", "three");
  }

  @Test
  void carriageReturnAndNewlineInSeparateChunksStillEndOneLine() {
    assembler.feed(new byte[] {'a', '\r'}, 0, 2);
    assembler.feed(new byte[] {'\n', 'b', '\n'}, 0, 3);

    assertThat(lines).containsExactly("a", "b");
  }

  @Test
  void finishGivesOutTheLastUnterminatedLineOnlyOnce() {
    byte[] bytes = "first\nlast".getBytes(StandardCharsets.UTF_8);

    assembler.feed(bytes, 0, bytes.length);
    assertThat(lines).containsExactly("first");
    assembler.finish();
    assembler.finish();

    assertThat(lines).containsExactly("first", "last");
  }

  @Test
  void emptyLinesAreKept() {
    byte[] bytes = "a\n\n\r\nb\n".getBytes(StandardCharsets.UTF_8);

    assembler.feed(bytes, 0, bytes.length);

    assertThat(lines).containsExactly("a", "", "", "b");
  }

  @ParameterizedTest(name = "chunks of {0}")
  @ValueSource(ints = {1, 2, 3, 5, 7, 11})
  void multiByteCharactersSurviveChunksCutAcrossThem(int chunk) {
    String text = "café ✓\n中文日志\r\nemoji 🚀🛰\n\u001b[32mok\u001b[0m\n";

    feedInChunks(text.getBytes(StandardCharsets.UTF_8), chunk);

    assertThat(lines).containsExactly("café ✓", "中文日志", "emoji 🚀🛰", "ok");
  }

  @Test
  void megabyteLineIsCutWithoutBeingHeldWhole() {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    byte[] big = "z".repeat(1_048_576).getBytes(StandardCharsets.UTF_8);
    stream.writeBytes(big);
    stream.writeBytes("\r\nafter\n".getBytes(StandardCharsets.UTF_8));

    feedInChunks(stream.toByteArray(), 8_191);

    String marker = " … [cut: 1,048,576 bytes, 983,040 not shown]";
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .hasSize(SafeLogText.MAX_LINE_BYTES + marker.length())
        .startsWith("zzzz")
        .endsWith(marker);
    assertThat(lines.get(1)).isEqualTo("after");
  }

  @Test
  void lineOfExactlyTheLimitWithCrlfIsNotCut() {
    byte[] line =
        ("q".repeat(SafeLogText.MAX_LINE_BYTES) + "\r\n").getBytes(StandardCharsets.UTF_8);

    feedInChunks(line, 1000);

    assertThat(lines).containsExactly("q".repeat(SafeLogText.MAX_LINE_BYTES));
  }

  @Test
  void invalidBytesAndControlsAreMadeSafe() {
    byte[] bytes = {'a', (byte) 0xff, 0, 'b', '\n'};

    assembler.feed(bytes, 0, bytes.length);

    assertThat(lines).containsExactly("a\\xff␀b");
  }

  @Test
  void feedsOnlyTheGivenRange() {
    byte[] bytes = "xxhello\nyy".getBytes(StandardCharsets.UTF_8);

    assembler.feed(bytes, 2, 6);

    assertThat(lines).containsExactly("hello");
  }
}
