package dev.sidescope.collectors.ecs.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which ECS service events are warnings. */
class EcsEventsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "(service statements) has reached a steady state.|false",
        "(service statements) has started 1 tasks: (task 0f1e).|false",
        "(service statements) (deployment ecs-svc/1) deployment completed.|false",
        "(service statements) has stopped 1 running tasks: (task 0f1e).|true",
        "(service statements) is unable to consistently start tasks successfully.|true",
        "(service statements) (task 0f1e) failed container health checks.|true",
        "(service statements) (port 8080) is unhealthy in (target-group tg) due to (reason Health"
            + " checks failed).|true",
        "(service statements) was unable to place a task because no container instance met all of"
            + " its requirements.|true"
      })
  void aServiceEventIsAWarningWhenItSaysSomethingWentWrong(String message, boolean warns) {
    assertThat(EcsEvents.warns(message)).isEqualTo(warns);
  }
}
