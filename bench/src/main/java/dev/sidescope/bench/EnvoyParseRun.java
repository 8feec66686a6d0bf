package dev.sidescope.bench;

import java.io.PrintWriter;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link EnvoyStatsParseBench} under JMH, in a forked JVM as JMH wants, and prints one line
 * per benchmark: the mean time to read the text and its 99.9% confidence half-width, with the
 * floor's beside it.
 */
final class EnvoyParseRun {
  private EnvoyParseRun() {}

  static void run(PrintWriter out, int iterations, int warmups) throws RunnerException {
    out.println("Reading a 100,000-line Envoy /stats text (JMH, 1 fork)...");
    out.flush();
    Options options =
        new OptionsBuilder()
            .include(EnvoyStatsParseBench.class.getName())
            .warmupIterations(Math.max(1, warmups / 2))
            .measurementIterations(Math.max(3, iterations / 2))
            .measurementTime(TimeValue.seconds(1))
            .warmupTime(TimeValue.seconds(1))
            .forks(1)
            .verbosity(VerboseMode.SILENT)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      String which = name.substring(name.lastIndexOf('.') + 1);
      var stats = r.getPrimaryResult().getStatistics();
      out.printf(
          "%-16s %8.2f ms ± %.2f (99.9%%), %d iterations%n",
          which.equals("parse") ? "parse" : "floor (lines)",
          stats.getMean(),
          stats.getMeanErrorAt(0.999),
          stats.getN());
    }
    out.flush();
  }
}
