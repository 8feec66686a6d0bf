package dev.sidescope.views.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogStream;
import dev.sidescope.topology.logs.LogStreamState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LogSessionTest {
  private static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");
  private static final LogStream APP =
      new LogStream(LogStream.KUBERNETES, "w", "pod", "app", false);
  private static final LogStream ENVOY =
      new LogStream(LogStream.KUBERNETES, "w", "pod", "envoy", false);

  /** Lets the first {@code limit} lines of a stream in, then notes how many it left out. */
  private static final class Gate implements Admission {
    private final int limit;
    private int seen;
    private long dropped;
    private long noted;

    Gate(int limit) {
      this.limit = limit;
    }

    @Override
    public boolean admit(long nanoTime) {
      if (seen++ < limit) {
        return true;
      }
      dropped++;
      return false;
    }

    @Override
    public long dropped() {
      return dropped;
    }

    @Override
    public Optional<String> takeNote(long nanoTime) {
      if (dropped == noted) {
        return Optional.empty();
      }
      String note = "… " + (dropped - noted) + " lines dropped …";
      noted = dropped;
      return Optional.of(note);
    }
  }

  private static LogText gated(int limit) {
    return new LogText() {
      @Override
      public String mask(String text) {
        return text;
      }

      @Override
      public LineFacts read(String text) {
        return LineFacts.NONE;
      }

      @Override
      public Admission gate() {
        return new Gate(limit);
      }
    };
  }

  private static List<LogLine> lines(LogStream s, int n) {
    List<LogLine> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new LogLine(T0.plusMillis(i), s, s.container() + i));
    }
    return out;
  }

  @Test
  void aFloodGatesNoteIsALineOfItsStreamAndWhatItLeftOutIsCounted() {
    LogSession session = new LogSession(100, gated(3), System::nanoTime, () -> {});
    session.lines(lines(APP, 10));
    List<ShownLine> out = new ArrayList<>();
    session.drainLines(out, 100);
    assertThat(out)
        .extracting(l -> l.line().text())
        .containsExactly("… 7 lines dropped …", "app0", "app1", "app2");
    assertThat(out.get(0).note()).isTrue();
    assertThat(out.get(0).stream()).isEqualTo(APP);
    assertThat(session.dropped()).isEqualTo(7);
    assertThat(session.received()).isEqualTo(10);
  }

  @Test
  void aFullRingDropsTheOldestAndCountsThem() {
    LogSession session = new LogSession(5, gated(Integer.MAX_VALUE), System::nanoTime, () -> {});
    session.lines(lines(APP, 12));
    List<ShownLine> out = new ArrayList<>();
    session.drainLines(out, 100);
    assertThat(out)
        .extracting(l -> l.line().text())
        .containsExactly("app7", "app8", "app9", "app10", "app11");
    assertThat(session.dropped()).isEqualTo(7);
  }

  @Test
  void onlyTheFirstWriteAfterADrainWakesTheView() {
    AtomicInteger wakes = new AtomicInteger();
    LogSession session =
        new LogSession(100, gated(Integer.MAX_VALUE), System::nanoTime, wakes::incrementAndGet);
    session.lines(lines(APP, 2));
    session.lines(lines(ENVOY, 2));
    session.state(LogStreamState.of(APP, LogStreamState.Phase.LIVE, "live"));
    assertThat(wakes.get()).isEqualTo(1);
    session.drainLines(new ArrayList<>(), 100);
    session.drainStates();
    assertThat(session.waiting()).isFalse();
    session.lines(lines(APP, 1));
    assertThat(wakes.get()).isEqualTo(2);
  }

  @Test
  void aBoundedDrainSharesItsLinesAmongTheStreamsWaiting() {
    LogSession session = new LogSession(1000, gated(Integer.MAX_VALUE), System::nanoTime, () -> {});
    session.lines(lines(APP, 500));
    session.lines(lines(ENVOY, 500));
    List<ShownLine> out = new ArrayList<>();
    assertThat(session.drainLines(out, 100)).isEqualTo(100);
    assertThat(out.stream().filter(l -> l.stream().equals(APP)).count()).isEqualTo(50);
    assertThat(session.waiting()).isTrue();
  }

  @Test
  void streamsKeepTheColourTheyWereFirstGiven() {
    LogSession session = new LogSession(10, gated(10), System::nanoTime, () -> {});
    session.state(LogStreamState.of(ENVOY, LogStreamState.Phase.CONNECTING, "connecting"));
    session.lines(lines(APP, 1));
    assertThat(session.colour(ENVOY)).isEqualTo(0);
    assertThat(session.colour(APP)).isEqualTo(1);
  }
}
