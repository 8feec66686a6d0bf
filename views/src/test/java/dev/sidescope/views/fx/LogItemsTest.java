package dev.sidescope.views.fx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogStream;
import dev.sidescope.views.logs.LogList;
import dev.sidescope.views.logs.ShownLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** The list control's lines take each pulse's edit as one change and end up as the model's. */
class LogItemsTest {
  private static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");
  private static final LogStream APP =
      new LogStream(LogStream.KUBERNETES, "w", "pod", "app", false);
  private static final LogStream ENVOY =
      new LogStream(LogStream.KUBERNETES, "w", "pod", "envoy", false);

  private static List<ShownLine> lines(LogStream s, int from, int n) {
    List<ShownLine> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      out.add(new ShownLine(new LogLine(T0.plusSeconds(i), s, s.container() + i), 0, false));
    }
    return out;
  }

  @Test
  void eachEditIsOneChangeAndTheItemsFollowTheModelsList() {
    LogList list = new LogList(50);
    LogItems items = new LogItems();
    List<Integer> changes = new ArrayList<>();
    items.addListener((ListChangeListener<ShownLine>) c -> changes.add(1));

    items.apply(list.add(lines(APP, 0, 40)));
    items.apply(list.add(lines(APP, 40, 30))); // trims 20 from the front
    items.apply(list.add(lines(ENVOY, 35, 10))); // merges into the end
    assertThat(items).containsExactlyElementsOf(list.lines());
    assertThat(changes).hasSize(3);

    items.reset(list.lines());
    assertThat(items).containsExactlyElementsOf(list.lines());
    items.apply(list.clear());
    assertThat(items).isEmpty();
  }
}
