package dev.sidescope.views.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class XRayChoiceTest {
  @ParameterizedTest
  @ValueSource(strings = {"2000", "127.0.0.1:2000", "0.0.0.0:2000", "localhost:65535", " 2000 "})
  void aPortWithOrWithoutAHostIsAnAddress(String address) {
    assertThat(XRayChoice.problem(address)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0|The daemon port must be between 1 and 65535, not 0.",
        "127.0.0.1:70000|The daemon port must be between 1 and 65535, not 70000.",
        ":2000|The daemon address \":2000\" names no host before the colon.",
        "localhost|The daemon address \"localhost\" ends in no port number.",
        "my host:2000|The daemon address \"my host:2000\" is not [HOST:]PORT."
      })
  void anythingElseSaysWhyInOneSentence(String address, String why) {
    assertThat(XRayChoice.problem(address)).contains(why);
  }

  @Test
  void aChoiceWithoutXRaySettingsGetsTheDefaults() {
    SourceChoice c = SourceChoice.kubernetes(List.of("kind-dev"), Optional.empty());
    assertThat(c.xray()).isEqualTo(XRayChoice.DEFAULT);
    assertThat(c.xray().api()).isTrue();
    assertThat(c.xray().window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.xray().daemon()).isEmpty();
    assertThat(c.withEcs("dev", Optional.empty(), List.of()).xray()).isEqualTo(XRayChoice.DEFAULT);
  }

  @Test
  void aBadDaemonAddressIsRefused() {
    assertThatThrownBy(() -> new XRayChoice(true, Duration.ofMinutes(5), Optional.of("nope")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void describeNamesWhatIsOn() {
    assertThat(
            new XRayChoice(true, Duration.ofMinutes(15), Optional.of("127.0.0.1:2000")).describe())
        .isEqualTo("X-Ray 15 min · daemon 127.0.0.1:2000");
    assertThat(new XRayChoice(false, Duration.ofMinutes(5), Optional.empty()).describe()).isEmpty();
  }
}
