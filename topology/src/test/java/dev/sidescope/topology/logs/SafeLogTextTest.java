package dev.sidescope.topology.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SafeLogTextTest {

  private static String bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return SafeLogText.line(bytes, 0, bytes.length);
  }

  private static String fromBytes(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return SafeLogText.line(utf8, 0, utf8.length);
  }

  @Test
  void printableLineIsReturnedAsTheSameInstance() {
    String line =
        "[2016-04-15T20:17:00.310Z] \"POST /api/v1/locations HTTP/2\" 204 - 154 0 226 100";

    assertThat(SafeLogText.line(line)).isSameAs(line);
  }

  @ParameterizedTest
  @ValueSource(strings = {"café au lait", "日志 中文", "ok 🚀 done", "tab\tkept"})
  void validTextIsUnchangedFromStringAndFromBytes(String text) {
    assertThat(SafeLogText.line(text)).isSameAs(text);
    assertThat(fromBytes(text)).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      ignoreLeadingAndTrailingWhitespace = false, // it would take a leading ESC for whitespace
      value = {
        "colour|\u001b[31mERROR\u001b[0m failed|ERROR failed",
        "bold and 256 colours|\u001b[1;38;5;208mwarn\u001b[m|warn",
        "cursor moves|a\u001b[2Kb\u001b[10;20Hc\u001b[?25ld|abcd",
        "OSC title ended by BEL|\u001b]0;pwned\u0007after|after",
        "OSC link ended by ST|\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\|link",
        "two-character sequence|a\u001b7b\u001b8c\u001bMd|abcd",
        "charset selection|a\u001b(Bb|ab",
      })
  void escapeSequencesAreRemoved(String what, String raw, String shown) {
    assertThat(SafeLogText.line(raw)).as(what).isEqualTo(shown);
    assertThat(fromBytes(raw)).as(what).isEqualTo(shown);
  }

  @Test
  void unfinishedEscapeIsShownNotFollowed() {
    assertThat(SafeLogText.line("title \u001b]0;never ended")).isEqualTo("title ␛]0;never ended");
    assertThat(SafeLogText.line("end \u001b")).isEqualTo("end ␛");
  }

  @Test
  void lineOfUnendedStringSequencesIsShownInOneScan() {
    // Each ESC ] would look for its end up to the end of the line; the first look says none comes.
    int starts = SafeLogText.MAX_LINE_BYTES / 2;
    String line = "\u001b]".repeat(starts);

    assertThat(SafeLogText.line(line)).isEqualTo("␛]".repeat(starts));
    assertThat(fromBytes(line)).isEqualTo("␛]".repeat(starts));
  }

  @Test
  void otherSequencesAfterAnUnendedStringAreStillRemoved() {
    assertThat(SafeLogText.line("a\u001b]x\u001b[31mred\u001b[0m\u001bP0;t"))
        .isEqualTo("a␛]xred␛P0;t");
    assertThat(SafeLogText.line("\u001b]0;t\u0007a\u001b]8;;x")).isEqualTo("a␛]8;;x");
  }

  @Test
  void c0ControlsAndDelAreShownAsControlPictures() {
    assertThat(SafeLogText.line("a\u0000b\u0007c\u0008d\u007fe\nf")).isEqualTo("a␀b␇c␈d␡e␊f");
    assertThat(bytes('a', 0, 'b', 7, 0x7f)).isEqualTo("a␀b␇␡");
  }

  @Test
  void c1ControlsAreShownAsEscapes() {
    assertThat(SafeLogText.line("next\u0085line \u009b31m"))
        .isEqualTo("next\\u0085line \\u009b31m");
    assertThat(bytes('a', 0xc2, 0x85, 'b')).isEqualTo("a\\u0085b");
  }

  @Test
  void bidirectionalOverridesAreShownAsEscapes() {
    assertThat(SafeLogText.line("user \u202egnp.exe")).isEqualTo("user \\u202egnp.exe");
  }

  @Test
  void trailingCarriageReturnIsDroppedAndAnInnerOneShown() {
    assertThat(SafeLogText.line("done\r")).isEqualTo("done");
    assertThat(bytes('o', 'k', '\r')).isEqualTo("ok");
    assertThat(SafeLogText.line("50%\r100%")).isEqualTo("50%␍100%");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "lone continuation byte|61 80 62|a\\x80b",
        "truncated two-byte sequence|61 c3|a\\xc3",
        "truncated three-byte sequence before ASCII|e4 b8 61|\\xe4\\xb8a",
        "overlong slash|c0 af|\\xc0\\xaf",
        "overlong three-byte NUL|e0 80 80|\\xe0\\x80\\x80",
        "encoded surrogate|ed a0 80|\\xed\\xa0\\x80",
        "above U+10FFFF|f4 90 80 80|\\xf4\\x90\\x80\\x80",
        "invalid lead byte|ff 61|\\xffa",
      })
  void invalidUtf8BytesAreShownAsHex(String what, String hex, String shown) {
    int[] values = Arrays.stream(hex.split(" ")).mapToInt(h -> Integer.parseInt(h, 16)).toArray();

    assertThat(bytes(values)).as(what).isEqualTo(shown);
  }

  @Test
  void loneSurrogateInAStringIsShownAsAnEscape() {
    assertThat(SafeLogText.line("a\ud800b")).isEqualTo("a\\ud800b");
  }

  @Test
  void longLineIsCutWithAMarkerCountingWhatIsNotShown() {
    String line = "x".repeat(1_048_576);

    String shown = SafeLogText.line(line);

    assertThat(shown)
        .startsWith("x".repeat(SafeLogText.MAX_LINE_BYTES))
        .endsWith(" … [cut: 1,048,576 bytes, 983,040 not shown]")
        .hasSize(
            SafeLogText.MAX_LINE_BYTES + " … [cut: 1,048,576 bytes, 983,040 not shown]".length());
  }

  @Test
  void cutNeverSplitsAMultiByteCharacter() {
    // 21,846 three-byte characters: 65,538 bytes, so the cut at 65,536 falls inside the last.
    String line = "中".repeat(21_846);
    byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);

    String shown = SafeLogText.line(utf8, 0, utf8.length);

    assertThat(shown).isEqualTo("中".repeat(21_845) + " … [cut: 65,538 bytes, 3 not shown]");
  }

  @Test
  void lineOfExactlyTheLimitIsNotCut() {
    String line = "y".repeat(SafeLogText.MAX_LINE_BYTES);

    assertThat(SafeLogText.line(line)).isSameAs(line);
  }
}
