package dev.sidescope.bench;

import dev.sidescope.collectors.envoy.EnvoyStats;
import dev.sidescope.collectors.envoy.EnvoyStatsReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a large Envoy {@code /stats} text: {@link EnvoyStatsReader#text} over {@code lines} lines
 * of an Istio sidecar's cluster stats (histograms, {@code nan}, "No recorded values" among them),
 * beside the floor: only splitting the same text into lines, which any reader of it must do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class EnvoyStatsParseBench {
  @Param("100000")
  public int lines;

  private String text;

  @Setup
  public void prepare() {
    text = EnvoyStatsText.of(lines);
  }

  /** The reader the proxy source uses on every poll. */
  @Benchmark
  public EnvoyStats parse() throws IOException {
    return EnvoyStatsReader.text(new StringReader(text));
  }

  /** The floor: the same text split into lines, and nothing else. */
  @Benchmark
  public int splitLinesOnly() throws IOException {
    int n = 0;
    try (BufferedReader in = new BufferedReader(new StringReader(text))) {
      while (in.readLine() != null) {
        n++;
      }
    }
    return n;
  }
}
