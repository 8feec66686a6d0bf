package dev.sidescope.topology.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FloodGateTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long START = 7_000_000_000_000L;

  /** Offers {@code lines} spread evenly over {@code nanos} from {@code from}; counts admitted. */
  private static int offer(FloodGate gate, long from, long nanos, int lines) {
    int admitted = 0;
    for (int i = 0; i < lines; i++) {
      if (gate.admit(from + nanos * i / lines)) {
        admitted++;
      }
    }
    return admitted;
  }

  @Test
  void aBurstOfOneSecondsWorthPassesWhole() {
    FloodGate gate = new FloodGate(1_000);

    assertThat(offer(gate, START, 0, 1_000)).isEqualTo(1_000);
    assertThat(gate.admit(START)).isFalse();
    assertThat(gate.dropped()).isEqualTo(1);
  }

  @Test
  void sustainedFloodIsHeldToTheRate() {
    FloodGate gate = new FloodGate(1_000);

    // Ten thousand lines a second for three seconds, after the burst the bucket starts with.
    int admitted = offer(gate, START, 3 * SECOND, 30_000);

    assertThat(admitted).isBetween(1_000 + 3_000 - 2, 1_000 + 3_000 + 2);
    assertThat(gate.dropped()).isEqualTo(30_000 - admitted);
  }

  @Test
  void linesUnderTheRateAreNeverDropped() {
    FloodGate gate = new FloodGate(100);

    int admitted = offer(gate, START, 10 * SECOND, 999);

    assertThat(admitted).isEqualTo(999);
    assertThat(gate.takeNote()).isEmpty();
  }

  @Test
  void noteComesOnceTheFloodHasPassedAndCountsTheDrops() {
    FloodGate gate = new FloodGate(20_000);
    int admitted = offer(gate, START, 2 * SECOND / 10, 40_000);
    long dropped = 40_000 - admitted;
    assertThat(gate.takeNote()).as("still flooding").isEmpty();

    assertThat(gate.admit(START + SECOND / 2)).isTrue();

    assertThat(gate.takeNote())
        .hasValue(
            String.format(
                "%,d lines dropped in 1 s: this container wrote over 20,000 lines a second",
                dropped));
    assertThat(gate.takeNote()).as("taken").isEmpty();
    assertThat(gate.dropped()).isEqualTo(dropped);
  }

  @Test
  void longFloodGetsANoteEverySecond() {
    FloodGate gate = new FloodGate(1_000);
    int notes = 0;
    long droppedInNotes = 0;
    for (int i = 0; i < 50_000; i++) {
      long now = START + 5 * SECOND * i / 50_000;
      gate.admit(now);
      var note = gate.takeNote();
      if (note.isPresent()) {
        notes++;
        droppedInNotes += Long.parseLong(note.get().split(" ")[0].replace(",", ""));
      }
    }

    assertThat(notes).isBetween(4, 5);
    assertThat(droppedInNotes).isLessThanOrEqualTo(gate.dropped()).isGreaterThan(0);
  }

  @Test
  void noteOnOneDroppedLineIsSingular() {
    FloodGate gate = new FloodGate(2);
    gate.admit(START);
    gate.admit(START);
    gate.admit(START);

    assertThat(gate.takeNote(START + 2 * SECOND))
        .hasValue("1 line dropped in 1 s: this container wrote over 2 lines a second");
  }

  @Test
  void timeGoingBackDoesNotRefill() {
    FloodGate gate = new FloodGate(1);
    assertThat(gate.admit(START)).isTrue();

    assertThat(gate.admit(START - 10 * SECOND)).isFalse();
  }

  @Test
  void rateMustBePositive() {
    assertThatThrownBy(() -> new FloodGate(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
