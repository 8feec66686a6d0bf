package dev.sidescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.app.UserError;
import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How {@code sidescope logs} prints a line: masked by default, as text or as one JSON object. */
class LogPrinterTest {
  private static final LogStream POD =
      new LogStream(LogStream.KUBERNETES, "kubernetes/dev/shop/web-1", "web-1", "envoy", false);
  private static final LogStream TASK =
      new LogStream(LogStream.CLOUDWATCH, "ecs/us-east-1/prod/abc", "abc", "app", false);
  private static final String SECRET_LINE =
      "{\"level\":\"error\",\"msg\":\"login failed\",\"password\":\"hunter2-very-secret\"}";

  private static String print(
      LogPrinter.Format format, boolean colour, boolean mask, LogLine line) {
    StringWriter out = new StringWriter();
    LogPrinter printer = new LogPrinter(new PrintWriter(out), format, colour, mask);
    printer.print(line);
    printer.flush();
    return out.toString();
  }

  private static LogLine line(LogStream stream, String text) {
    return new LogLine(Instant.parse("2026-12-08T02:03:04.567Z"), stream, text);
  }

  @Test
  void secretsAreMaskedUnlessAskedNotTo() {
    assertThat(print(LogPrinter.Format.TEXT, false, true, line(POD, SECRET_LINE)))
        .doesNotContain("hunter2")
        .startsWith("02:03:04.567 web-1/envoy  {");
    assertThat(print(LogPrinter.Format.TEXT, false, false, line(POD, SECRET_LINE)))
        .contains("hunter2-very-secret");
    assertThat(print(LogPrinter.Format.JSON, false, true, line(POD, SECRET_LINE)))
        .doesNotContain("hunter2");
  }

  @Test
  void jsonIsOneObjectALineWithWhereItCameFromAndItsLevel() throws Exception {
    JsonNode pod =
        new ObjectMapper()
            .readTree(print(LogPrinter.Format.JSON, true, true, line(POD, SECRET_LINE)));
    JsonNode task =
        new ObjectMapper().readTree(print(LogPrinter.Format.JSON, true, true, line(TASK, "plain")));

    assertThat(pod.get("time").asText()).isEqualTo("2026-12-08T02:03:04.567Z");
    assertThat(pod.get("source").asText()).isEqualTo("kubernetes");
    assertThat(pod.get("pod").asText()).isEqualTo("web-1");
    assertThat(pod.get("container").asText()).isEqualTo("envoy");
    assertThat(pod.get("level").asText()).isEqualTo("error");
    assertThat(task.get("task").asText()).isEqualTo("abc");
    assertThat(task.has("pod")).isFalse();
    assertThat(task.has("level")).isFalse();
  }

  @Test
  void colourIsOnlyAroundTheTagAndTheSameForAStreamEveryTime() {
    String coloured = print(LogPrinter.Format.TEXT, true, true, line(POD, "hello"));

    assertThat(coloured)
        .contains("\u001b[" + LogPrinter.colourOf(POD) + "mweb-1/envoy\u001b[0m  hello");
    assertThat(LogPrinter.colourOf(POD)).isEqualTo(LogPrinter.colourOf(POD));
  }

  @Test
  void linesThatCouldNotBeWrittenEndTheCommand() {
    OutputStream full =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("No space left on device");
          }
        };
    LogPrinter printer = new LogPrinter(new PrintWriter(full), LogPrinter.Format.TEXT, false, true);
    printer.print(line(POD, "plain"));

    assertThatThrownBy(printer::flush)
        .isInstanceOf(UserError.class)
        .hasMessageContaining("standard output");
  }
}
