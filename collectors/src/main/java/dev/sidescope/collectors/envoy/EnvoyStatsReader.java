package dev.sidescope.collectors.envoy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads Envoy's {@code /stats} in its text form ({@code name: value} per line; a histogram is
 * {@code name: P0(interval,cumulative) P25(...) ...} or {@code name: No recorded values}) and in
 * its JSON form ({@code ?format=json}: {@code {"stats": [{"name", "value"}, {"histograms":
 * {"supported_quantiles", "computed_quantiles": [{"name", "values": [{"interval",
 * "cumulative"}]}]}}]}}, or the bare {@code stats} array).
 *
 * <p>A stat's name is everything before the <em>last</em> {@code ": "} of its line, so the dots,
 * pipes and colons of a cluster name such as {@code outbound|8080||payment.shop.svc.cluster.local}
 * stay in it. A line that is neither a value nor a histogram (cut short, binary, longer than
 * {@value #MAX_LINE} characters) is counted in {@link EnvoyStats#skipped()} and left out; nothing
 * in the input makes the reader throw but an I/O failure.
 *
 * <p>Stateless and thread-safe.
 */
public final class EnvoyStatsReader {
  /** A line longer than this is skipped unread: no stat name comes near it. */
  static final int MAX_LINE = 64 * 1024;

  private static final JsonFactory JSON = new JsonFactory();

  private EnvoyStatsReader() {}

  /**
   * The text form, line by line. Read a block at a time and cut at each newline: a sidecar of a big
   * mesh prints 100,000 lines and more on every poll.
   */
  public static EnvoyStats text(Reader in) throws IOException {
    Lines lines = new Lines();
    char[] block = new char[1 << 16];
    int n;
    while ((n = in.read(block)) != -1) {
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (block[i] == '\n') {
          lines.append(block, start, i - start);
          lines.end();
          start = i + 1;
        }
      }
      lines.append(block, start, n - start);
    }
    lines.end();
    return new EnvoyStats(lines.values, lines.histograms, lines.skipped);
  }

  /** The line being read, and what the lines read so far held. */
  private static final class Lines {
    final Map<String, Long> values = new LinkedHashMap<>();
    final Map<String, EnvoyStats.Histogram> histograms = new LinkedHashMap<>();
    int skipped;
    private final StringBuilder line = new StringBuilder(256);
    private boolean tooLong;

    void append(char[] chars, int from, int length) {
      if (tooLong || length == 0) {
        return;
      }
      if (line.length() + length > MAX_LINE) {
        tooLong = true;
        line.setLength(0);
      } else {
        line.append(chars, from, length);
      }
    }

    void end() {
      if (tooLong) {
        skipped++;
      } else if (line.length() > 0 && !counterOrGauge()) {
        String text = line.toString();
        if (!text.isBlank()) {
          skipped += read(text.strip(), values, histograms) ? 0 : 1;
        }
      }
      line.setLength(0);
      tooLong = false;
    }

    /**
     * Most lines are {@code name: 12345}: read straight from the line, with one string made (the
     * name). False, with nothing read, for any other line, which {@link #read} then reads.
     */
    private boolean counterOrGauge() {
      int start = 0;
      int end = line.length();
      while (start < end && Character.isWhitespace(line.charAt(start))) {
        start++;
      }
      while (end > start && Character.isWhitespace(line.charAt(end - 1))) {
        end--;
      }
      int digits = end;
      while (digits > start && isDigit(line.charAt(digits - 1))) {
        digits--;
      }
      // The value: 1 to 18 digits (no overflow), after ": " and whatever spaces.
      if (digits == end || end - digits > 18) {
        return false;
      }
      int colon = digits;
      while (colon > start && line.charAt(colon - 1) == ' ') {
        colon--;
      }
      if (colon - 1 <= start || colon == digits || line.charAt(colon - 1) != ':') {
        return false;
      }
      int nameEnd = colon - 1;
      for (int i = start; i < nameEnd; i++) {
        char ch = line.charAt(i);
        if (ch < 0x20 || ch == 0x7f || ch == '\uFFFD') {
          return false;
        }
      }
      long value = 0;
      for (int i = digits; i < end; i++) {
        value = value * 10 + (line.charAt(i) - '0');
      }
      values.put(line.substring(start, nameEnd), value);
      return true;
    }

    private static boolean isDigit(char ch) {
      return ch >= '0' && ch <= '9';
    }
  }

  /** One line into the maps; false when it is neither a value nor a histogram. */
  private static boolean read(
      String line, Map<String, Long> values, Map<String, EnvoyStats.Histogram> histograms) {
    int colon = line.lastIndexOf(": ");
    if (colon <= 0) {
      return false;
    }
    String name = line.substring(0, colon);
    String rest = line.substring(colon + 2).strip();
    if (!printable(name)) {
      return false;
    }
    if (rest.equals("No recorded values")) {
      histograms.put(name, new EnvoyStats.Histogram(List.of()));
      return true;
    }
    if (rest.startsWith("P")) {
      List<EnvoyStats.Quantile> quantiles = quantiles(rest);
      if (quantiles == null) {
        return false;
      }
      histograms.put(name, new EnvoyStats.Histogram(quantiles));
      return true;
    }
    try {
      values.put(name, Long.parseLong(rest));
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** {@code P0(nan,1) P25(nan,3.09219) ...}; null when it is not that. */
  private static List<EnvoyStats.Quantile> quantiles(String text) {
    List<EnvoyStats.Quantile> out = new ArrayList<>();
    for (String part : text.split(" ")) {
      if (part.isEmpty()) {
        continue;
      }
      int open = part.indexOf('(');
      int comma = part.indexOf(',', open);
      if (!part.startsWith("P") || open < 2 || comma < 0 || !part.endsWith(")")) {
        return null;
      }
      try {
        double percent = Double.parseDouble(part.substring(1, open));
        out.add(
            new EnvoyStats.Quantile(
                percent,
                number(part.substring(open + 1, comma)),
                number(part.substring(comma + 1, part.length() - 1))));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return out.isEmpty() ? null : out;
  }

  private static OptionalDouble number(String text) {
    if (text.equalsIgnoreCase("nan")) {
      return OptionalDouble.empty();
    }
    double d = Double.parseDouble(text);
    return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
  }

  private static boolean printable(String name) {
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (ch < 0x20 || ch == 0x7f || ch == '\uFFFD') {
        return false;
      }
    }
    return true;
  }

  /**
   * The JSON form, streamed: {@code {"stats": [...]}} or the bare array. An entry that is neither a
   * value nor the histograms block is counted as skipped.
   *
   * @throws IOException when the input is not JSON at all
   */
  public static EnvoyStats json(InputStream in) throws IOException {
    Map<String, Long> values = new LinkedHashMap<>();
    Map<String, EnvoyStats.Histogram> histograms = new LinkedHashMap<>();
    int skipped = 0;
    try (JsonParser p = JSON.createParser(in)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_OBJECT) {
        // Find "stats".
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          t = p.nextToken();
          if (field.equals("stats") && t == JsonToken.START_ARRAY) {
            break;
          }
          p.skipChildren();
        }
      }
      if (t != JsonToken.START_ARRAY) {
        throw new IOException("the stats are not a JSON array");
      }
      while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
        if (t != JsonToken.START_OBJECT) {
          p.skipChildren();
          skipped++;
          continue;
        }
        String name = null;
        Long value = null;
        boolean histogramBlock = false;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          t = p.nextToken();
          if (field.equals("name") && t == JsonToken.VALUE_STRING) {
            name = p.getText();
          } else if (field.equals("value") && t == JsonToken.VALUE_NUMBER_INT) {
            value = p.getLongValue();
          } else if (field.equals("histograms") && t == JsonToken.START_OBJECT) {
            histogramBlock = true;
            readHistograms(p, histograms);
          } else {
            p.skipChildren();
          }
        }
        if (name != null && value != null) {
          values.put(name, value);
        } else if (!histogramBlock) {
          skipped++;
        }
      }
    }
    return new EnvoyStats(values, histograms, skipped);
  }

  /** {@code {"supported_quantiles": [...], "computed_quantiles": [{"name", "values"}]}}. */
  private static void readHistograms(JsonParser p, Map<String, EnvoyStats.Histogram> out)
      throws IOException {
    List<Double> supported = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      t = p.nextToken();
      if (field.equals("supported_quantiles") && t == JsonToken.START_ARRAY) {
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          supported.add(p.getValueAsDouble());
        }
      } else if (field.equals("computed_quantiles") && t == JsonToken.START_ARRAY) {
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
          String name = null;
          List<OptionalDouble[]> pairs = new ArrayList<>();
          while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            t = p.nextToken();
            if (f.equals("name") && t == JsonToken.VALUE_STRING) {
              name = p.getText();
            } else if (f.equals("values") && t == JsonToken.START_ARRAY) {
              while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                OptionalDouble interval = OptionalDouble.empty();
                OptionalDouble cumulative = OptionalDouble.empty();
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                  String v = p.currentName();
                  t = p.nextToken();
                  if (t.isNumeric()) {
                    if (v.equals("interval")) {
                      interval = OptionalDouble.of(p.getDoubleValue());
                    } else if (v.equals("cumulative")) {
                      cumulative = OptionalDouble.of(p.getDoubleValue());
                    }
                  } else {
                    p.skipChildren();
                  }
                }
                pairs.add(new OptionalDouble[] {interval, cumulative});
              }
            } else {
              p.skipChildren();
            }
          }
          if (name != null) {
            List<EnvoyStats.Quantile> quantiles = new ArrayList<>();
            boolean any = false;
            for (int i = 0; i < pairs.size() && i < supported.size(); i++) {
              OptionalDouble[] pair = pairs.get(i);
              any |= pair[0].isPresent() || pair[1].isPresent();
              quantiles.add(new EnvoyStats.Quantile(supported.get(i), pair[0], pair[1]));
            }
            out.put(name, new EnvoyStats.Histogram(any ? quantiles : List.of()));
          }
        }
      } else {
        p.skipChildren();
      }
    }
  }
}
