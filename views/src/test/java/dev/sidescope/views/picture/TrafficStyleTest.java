package dev.sidescope.views.picture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.picture.TrafficLevel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Measured arrows read without telling red from green: each level differs from the others in width
 * or dashes as well as hue, in both themes, and "no traffic" never looks like "not measured".
 */
class TrafficStyleTest {
  private static final List<TrafficLevel> MEASURED =
      List.of(TrafficLevel.OK, TrafficLevel.WARN, TrafficLevel.BAD, TrafficLevel.NO_TRAFFIC);

  @ParameterizedTest
  @EnumSource(Theme.class)
  void everyMeasuredLevelDiffersFromTheOthersInWidthOrDashesNotOnlyInHue(Theme theme) {
    PicturePalette p = PicturePalette.of(theme);
    for (TrafficLevel a : MEASURED) {
      for (TrafficLevel b : MEASURED) {
        if (a == b) {
          continue;
        }
        boolean shape =
            PicturePalette.edgeWidth(EdgeKind.UPSTREAM, a)
                    != PicturePalette.edgeWidth(EdgeKind.UPSTREAM, b)
                || !Arrays.equals(
                    PicturePalette.dashes(EdgeKind.UPSTREAM, a),
                    PicturePalette.dashes(EdgeKind.UPSTREAM, b));
        assertThat(shape).as("%s and %s", a, b).isTrue();
        assertThat(p.trafficColour(a)).as("%s and %s", a, b).isNotEqualTo(p.trafficColour(b));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(TrafficLevel.class)
  void worseIsNeverThinner(TrafficLevel level) {
    assertThat(PicturePalette.edgeWidth(EdgeKind.LOGS, TrafficLevel.BAD))
        .isGreaterThan(PicturePalette.edgeWidth(EdgeKind.LOGS, TrafficLevel.WARN));
    assertThat(PicturePalette.edgeWidth(EdgeKind.LOGS, TrafficLevel.WARN))
        .isGreaterThan(PicturePalette.edgeWidth(EdgeKind.LOGS, TrafficLevel.OK));
    assertThat(PicturePalette.farWidth(TrafficLevel.BAD))
        .isGreaterThan(PicturePalette.farWidth(TrafficLevel.WARN));
    assertThat(PicturePalette.farWidth(level)).isPositive();
  }

  @ParameterizedTest
  @EnumSource(EdgeKind.class)
  void noTrafficIsDottedWhereNotMeasuredKeepsItsKindsLook(EdgeKind kind) {
    assertThat(PicturePalette.dashes(kind, TrafficLevel.NO_DATA))
        .isEqualTo(PicturePalette.dashes(kind));
    assertThat(PicturePalette.edgeWidth(kind, TrafficLevel.NO_DATA))
        .isEqualTo(PicturePalette.edgeWidth(kind));
    assertThat(PicturePalette.dashes(kind, TrafficLevel.NO_TRAFFIC))
        .isNotEqualTo(PicturePalette.dashes(kind));
  }

  @ParameterizedTest
  @EnumSource(TrafficLevel.class)
  void eachThemeHasItsOwnShadeOfEveryLevel(TrafficLevel level) {
    assertThat(PicturePalette.of(Theme.DARK).trafficColour(level))
        .isNotEqualTo(PicturePalette.of(Theme.LIGHT).trafficColour(level));
  }
}
