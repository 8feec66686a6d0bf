package dev.sidescope.samples.envoy;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which stats a {@code /stats} request asks for: {@code usedonly} (only stats that have counted or
 * been set, and histograms that have recorded) and {@code filter=<regex>} (only names in which the
 * regular expression matches somewhere).
 *
 * @param usedOnly whether {@code usedonly} was given
 * @param filter the filter, if given
 */
record StatsQuery(boolean usedOnly, Optional<Pattern> filter) {
  static final StatsQuery ALL = new StatsQuery(false, Optional.empty());

  /**
   * The query of {@code usedonly} and {@code filter} parameters as given ({@code filter} already
   * decoded; null when absent).
   *
   * @throws IllegalArgumentException when the filter is not a regular expression
   */
  static StatsQuery of(boolean usedOnly, String filter) {
    if (filter == null || filter.isEmpty()) {
      return new StatsQuery(usedOnly, Optional.empty());
    }
    try {
      return new StatsQuery(usedOnly, Optional.of(Pattern.compile(filter)));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "Invalid regex: the filter '" + filter + "' is not a regular expression");
    }
  }

  boolean keeps(String name, boolean used) {
    return (!usedOnly || used) && filter.map(p -> p.matcher(name).find()).orElse(true);
  }

  List<EnvoyStat> stats(EnvoyReading reading) {
    return reading.stats().stream().filter(s -> keeps(s.name(), s.used())).toList();
  }

  List<EnvoyHistogram> histograms(EnvoyReading reading) {
    return reading.histograms().stream().filter(h -> keeps(h.name(), h.used())).toList();
  }
}
