package dev.sidescope.topology.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SortedListsTest {
  private static final Comparator<String> NATURAL = Comparator.naturalOrder();

  @Test
  void aSortedListHoldsTheItemsInOrderAndRemembersByWhat() {
    List<String> sorted = SortedLists.sort(List.of("c", "a", "b"), NATURAL);

    assertThat(sorted).containsExactly("a", "b", "c");
    assertThat(SortedLists.isSortedBy(sorted, NATURAL)).isTrue();
    assertThat(SortedLists.isSortedBy(sorted, Comparator.<String>reverseOrder())).isFalse();
    assertThat(SortedLists.isSortedBy(List.of("a", "b"), NATURAL)).isFalse();
  }

  @Test
  void aSortedListCannotBeChangedNorChangedThroughWhatItWasMadeFrom() {
    String[] source = {"b", "a"};
    List<String> sorted = SortedLists.sort(Arrays.asList(source), NATURAL);
    source[0] = "z";

    assertThat(sorted).containsExactly("a", "b");
    assertThatThrownBy(() -> sorted.set(0, "x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> sorted.add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aSnapshotKeepsAListSortedByItsOwnOrderAndSortsAnyOther() {
    Node a = new Node("a", NodeKind.EXTERNAL, "a");
    Node b = new Node("b", NodeKind.EXTERNAL, "b");
    List<Node> sorted = SortedLists.sort(List.of(b, a), Node.ORDER);

    TopologySnapshot kept =
        new TopologySnapshot(
            null, Grouping.POD, List.of(), List.of(), sorted, List.of(), List.of());
    TopologySnapshot resorted =
        new TopologySnapshot(
            null, Grouping.POD, List.of(), List.of(), List.of(b, a), List.of(), List.of());

    assertThat(kept.nodes()).isSameAs(sorted);
    assertThat(resorted.nodes()).containsExactly(a, b);
  }
}
