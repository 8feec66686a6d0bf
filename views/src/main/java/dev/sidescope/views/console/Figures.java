package dev.sidescope.views.console;

import java.time.Duration;
import java.util.Locale;

/** How the Traffic tab writes times, counts and rates, the same in every row. */
final class Figures {
  private Figures() {}

  /** "0.8 ms", "41 ms", "1.25 s", "12 s". */
  static String ms(double ms) {
    if (ms < 9.95) { // what would round to "10.0 ms" reads "10 ms"
      return String.format(Locale.ROOT, "%.1f ms", ms);
    }
    if (ms < 999.5) {
      return String.format(Locale.ROOT, "%.0f ms", ms);
    }
    if (ms < 9995) {
      return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }
    return String.format(Locale.ROOT, "%.0f s", ms / 1000);
  }

  /** "1,234". */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** "0.4 rps", "12 rps", "1,250 rps". */
  static String rps(double rps) {
    return rps < 10
        ? String.format(Locale.ROOT, "%.1f rps", rps)
        : String.format(Locale.ROOT, "%,.0f rps", rps);
  }

  /** "0.4 %", "12 %", "0 %". */
  static String percent(double fraction) {
    double p = fraction * 100;
    if (p == 0) {
      return "0 %";
    }
    return p < 10
        ? String.format(Locale.ROOT, "%.1f %%", p)
        : String.format(Locale.ROOT, "%.0f %%", p);
  }

  /**
   * How long a process has run, to the two largest units: "45 s", "12 min", "3 h 12 min", "2 d 4
   * h"; a round figure drops the zero ("3 h", "2 d").
   */
  static String uptime(long seconds) {
    long s = Math.max(0, seconds);
    if (s < 60) {
      return s + " s";
    }
    long minutes = s / 60;
    if (minutes < 60) {
      return minutes + " min";
    }
    long hours = minutes / 60;
    if (hours < 24) {
      return minutes % 60 == 0 ? hours + " h" : hours + " h " + minutes % 60 + " min";
    }
    long days = hours / 24;
    return hours % 24 == 0 ? days + " d" : days + " d " + hours % 24 + " h";
  }

  /** A stat's value: whole numbers with thousands marked ("1,234,567"), else three decimals. */
  static String stat(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "–";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) value);
    }
    String text = String.format(Locale.ROOT, "%,.3f", value);
    return text.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  /** "5 min", "90 s", "1 h". */
  static String window(Duration d) {
    long s = d.toSeconds();
    if (s % 3600 == 0 && s > 0) {
      return s / 3600 + " h";
    }
    if (s % 60 == 0 && s > 0) {
      return s / 60 + " min";
    }
    return s + " s";
  }
}
