package dev.sidescope.views.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.logs.FloodGate;
import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The view reads lines by the model's rules: tones from levels, a 5xx, a trace id, masking, floods.
 */
class LogTextTest {
  private static final LogText TEXT = LogText.STANDARD;
  private static final String ENVOY_503 =
      "[2026-12-08T10:00:00.310Z] \"GET /orders HTTP/1.1\" 503 UF 0 91 3 - \"10.0.35.28\""
          + " \"curl/8.4\" \"cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2\" \"orders\" \"10.0.2.1:8080\"";

  @Test
  void levelsColourLinesErrorsRedWarningsAmberDebugDim() {
    assertThat(TEXT.read("{\"level\":\"error\",\"msg\":\"boom\"}").tone())
        .isEqualTo(LineTone.ERROR);
    assertThat(TEXT.read("{\"level\":\"fatal\",\"msg\":\"gone\"}").tone())
        .isEqualTo(LineTone.ERROR);
    assertThat(TEXT.read("{\"level\":\"warn\",\"msg\":\"slow\"}").tone()).isEqualTo(LineTone.WARN);
    assertThat(TEXT.read("{\"level\":\"debug\",\"msg\":\"x\"}").tone()).isEqualTo(LineTone.DIM);
    assertThat(TEXT.read("{\"level\":\"info\",\"msg\":\"ok\"}").tone()).isEqualTo(LineTone.PLAIN);
    assertThat(TEXT.read("just words").tone()).isEqualTo(LineTone.PLAIN);
  }

  @Test
  void anEnvoyAccessLineWithA5xxIsMarkedWithItsFields() {
    LineFacts f = TEXT.read(ENVOY_503);
    assertThat(f.serverError()).isTrue();
    assertThat(f.status()).hasValue(503);
    assertThat(f.fields()).containsEntry("path", "/orders");
    assertThat(TEXT.read(ENVOY_503.replace(" 503 ", " 200 ")).serverError()).isFalse();
  }

  @Test
  void anXRayTraceIdInALineIsFound() {
    LineFacts f =
        TEXT.read(
            "INFO handled x-amzn-trace-id: Root=1-5f84c7a0-3e0b1c2d4f5a6b7c8d9e0f1a;Sampled=1");
    assertThat(f.traceId()).contains("1-5f84c7a0-3e0b1c2d4f5a6b7c8d9e0f1a");
  }

  @Test
  void secretsAreMaskedAndALineWithoutAnyIsTheSameInstance() {
    assertThat(TEXT.mask("login password=hunter2 ok")).doesNotContain("hunter2");
    String plain = "GET /health 200";
    assertThat(TEXT.mask(plain)).isSameAs(plain);
  }

  @Test
  void aFloodPastTheGatesRateIsCutAndItsNoteIsALineOfTheStream() {
    AtomicLong clock = new AtomicLong(1_000_000_000L);
    LogStream s = new LogStream(LogStream.KUBERNETES, "w", "pod", "chatty", false);
    LogSession session = new LogSession(50_000, TEXT, clock::get, () -> {});
    List<LogLine> flood = new ArrayList<>();
    Instant t0 = Instant.parse("2026-12-08T10:00:00Z");
    for (int i = 0; i < FloodGate.DEFAULT_LINES_PER_SECOND + 5_000; i++) {
      flood.add(new LogLine(t0, s, "loop " + i));
    }
    session.lines(flood);
    assertThat(session.dropped()).isEqualTo(5_000);
    clock.addAndGet(2_000_000_000L); // the flood is over
    List<ShownLine> out = new ArrayList<>();
    session.drainLines(out, 100_000);
    assertThat(out).hasSize(FloodGate.DEFAULT_LINES_PER_SECOND + 1);
    ShownLine note = out.get(out.size() - 1);
    assertThat(note.note()).isTrue();
    assertThat(note.line().text()).startsWith("… 5,000 lines dropped").endsWith(" …");
  }
}
