package dev.sidescope.collectors.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One CloudWatch Logs event's message as the lines it holds. */
class EventLinesTest {
  @Test
  void aMessageHoldsOneLineForEachNewlineWithoutAFinalEmptyOne() {
    assertThat(StreamPoller.lines("one\r\ntwo\nthree\n")).containsExactly("one", "two", "three");
    assertThat(StreamPoller.lines("")).containsExactly("");
    assertThat(StreamPoller.lines("a\n\nb")).containsExactly("a", "", "b");
  }

  @Test
  void eachLineIsMadeSafe() {
    assertThat(StreamPoller.lines("\u001b[32mok\u001b[0m\n")).singleElement().isEqualTo("ok");
  }
}
