package dev.sidescope.collectors.kubernetes.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.logs.LogStreamState.Phase;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The API server's answers to a pod log request, as the stream's state says them. */
class PodLogFailureTest {
  private static final PodLogQuery QUERY =
      new PodLogQuery(
          "shop",
          "order-1",
          "envoy",
          OptionalInt.of(10),
          OptionalInt.empty(),
          Optional.empty(),
          false,
          true);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "404 | pods \"order-1\" not found | GONE | pod order-1 no longer exists in namespace shop",
        "400 | container envoy is not valid for pod order-1 | GONE | pod order-1 has no container envoy",
        "400 | previous terminated container \"envoy\" in pod \"order-1\" not found | FAILED | no previous run of envoy in pod order-1: it has not restarted",
        "400 | container \"envoy\" in pod \"order-1\" is waiting to start: ContainerCreating | RECONNECTING | envoy in pod order-1 is waiting to start",
        "403 | pods \"order-1\" is forbidden | FAILED | not allowed to read the logs of pod order-1 in namespace shop",
        "401 | Unauthorized | FAILED | the API server rejected the credentials",
        "503 | the server is shutting down | RECONNECTING | the API server answered 503",
        "422 | odd | FAILED | the API server would not give the log of envoy in pod order-1 (422: odd)",
      })
  void eachAnswerBecomesAPhaseAndOneSentence(
      int code, String message, Phase phase, String sentence) {
    assertThat(PodLogFailure.of(code, message, QUERY))
        .isEqualTo(new PodLogFailure(phase, sentence));
  }
}
