package dev.sidescope.topology.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LogLevelTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "trace|TRACE",
        "TRAC|TRACE",
        "debug|DEBUG",
        "dbug|DEBUG",
        "DEBU|DEBUG",
        "Info|INFO",
        "[ info]|INFO",
        "INFO|INFO",
        "notice|INFO",
        "warn|WARN",
        "WARNING|WARN",
        "[ warn]|WARN",
        "<warn>|WARN",
        "err|ERROR",
        "ERRO|ERROR",
        "Error:|ERROR",
        "[error]|ERROR",
        "SEVERE|ERROR",
        "fatal|FATAL",
        "panic|FATAL",
        "critical|FATAL",
        "crit|FATAL",
        "Critical|FATAL",
      })
  void usualSpellingsAreRead(String word, LogLevel level) {
    assertThat(LogLevel.parse(word)).hasValue(level);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[]", "in", "information-only", "errors", "warned", "ok", "200"})
  void otherWordsAreNoLevel(String word) {
    assertThat(LogLevel.parse(word)).isEmpty();
  }
}
