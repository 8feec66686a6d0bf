package dev.sidescope.views.fx;

import dev.sidescope.views.logs.LogList;
import dev.sidescope.views.logs.ShownLine;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ObservableListBase;

/**
 * The Logs tab's lines as the list control sees them: a pulse's {@link LogList.Edit} (lines trimmed
 * from the front, the end replaced) is applied as one change, so the list and its cells catch up
 * once per pulse rather than once per part of the edit. Read-only to everyone else. FX thread only.
 */
final class LogItems extends ObservableListBase<ShownLine> {
  private final ArrayList<ShownLine> lines = new ArrayList<>();

  @Override
  public ShownLine get(int index) {
    return lines.get(index);
  }

  @Override
  public int size() {
    return lines.size();
  }

  /** Replaces everything with {@code all}. */
  void reset(List<ShownLine> all) {
    beginChange();
    if (!lines.isEmpty()) {
      nextRemove(0, new ArrayList<>(lines));
      lines.clear();
    }
    lines.addAll(all);
    if (!all.isEmpty()) {
      nextAdd(0, lines.size());
    }
    endChange();
  }

  /** Applies one pulse's edit as one change. */
  void apply(LogList.Edit e) {
    beginChange();
    int trimmed = Math.min(e.trimmed(), lines.size());
    if (trimmed > 0) {
      List<ShownLine> front = lines.subList(0, trimmed);
      nextRemove(0, new ArrayList<>(front));
      front.clear();
    }
    if (e.from() < lines.size()) {
      List<ShownLine> end = lines.subList(e.from(), lines.size());
      nextRemove(e.from(), new ArrayList<>(end));
      end.clear();
    }
    if (!e.tail().isEmpty()) {
      int from = lines.size();
      lines.addAll(e.tail());
      nextAdd(from, lines.size());
    }
    endChange();
  }
}
