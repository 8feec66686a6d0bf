package dev.sidescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OneShotSourcesTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Cannot reach ECS at http://127.0.0.1:1 (connection refused), retrying in 31 s."
            + " | Cannot reach ECS at http://127.0.0.1:1 (connection refused)",
        "connection refused to http://127.0.0.1:1; retrying | connection refused to http://127.0.0.1:1",
        "Cannot reach X-Ray at http://x (connection refused); next try in 61 s."
            + " | Cannot reach X-Ray at http://x (connection refused)",
        "X-Ray is throttling Sidescope; ask again in a minute. | X-Ray is throttling Sidescope",
        "Forbidden to list pods; asking again in 10 s. | Forbidden to list pods",
        "Forbidden to list events; trying again in 5 s | Forbidden to list events",
        "No Envoy admin answered. | No Envoy admin answered",
        "retrying is a word mid-sentence, here. | retrying is a word mid-sentence, here",
      })
  void aStatusIsToldWithoutWhatTheSourceWouldDoNext(String message, String told) {
    assertThat(OneShotSources.withoutNextAttempt(message)).isEqualTo(told);
  }
}
