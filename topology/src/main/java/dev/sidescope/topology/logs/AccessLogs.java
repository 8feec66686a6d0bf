package dev.sidescope.topology.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Access log lines in text: Envoy's default format, Istio's default format, and NGINX's {@code
 * combined} format. Each is read by position, as its format string defines it.
 */
final class AccessLogs {
  /** Envoy's default format, after the request line. */
  private static final List<String> ENVOY =
      List.of(
          "status",
          "flags",
          "bytes_received",
          "bytes_sent",
          "duration_ms",
          "upstream_time_ms",
          "x-forwarded-for",
          "user_agent",
          "request_id",
          "authority",
          "upstream_host");

  /** Istio's default format, after the request line: Envoy's with more in the middle and after. */
  private static final List<String> ISTIO =
      List.of(
          "status",
          "flags",
          "response_code_details",
          "connection_termination_details",
          "upstream_transport_failure_reason",
          "bytes_received",
          "bytes_sent",
          "duration_ms",
          "upstream_time_ms",
          "x-forwarded-for",
          "user_agent",
          "request_id",
          "authority",
          "upstream_host",
          "upstream_cluster",
          "upstream_local_address",
          "downstream_local_address",
          "downstream_remote_address",
          "requested_server_name",
          "route_name");

  /** NGINX's {@code combined} format after the time, with the X-Forwarded-For many configs add. */
  private static final List<String> NGINX =
      List.of(
          "status", "body_bytes_sent", "http_referer", "http_user_agent", "http_x_forwarded_for");

  private AccessLogs() {}

  /**
   * {@code [START_TIME] "METHOD PATH PROTOCOL" STATUS …} in Envoy's or Istio's default format, told
   * apart by the quoted upstream failure reason only Istio's has after its two detail columns.
   */
  static Optional<ParsedLog> envoy(String text) {
    int close = text.indexOf("] \"");
    if (!text.startsWith("[") || close < 0 || close > 40) {
      return Optional.empty();
    }
    String start = text.substring(1, close);
    Optional<Instant> time = LogTimes.rfc3339(start);
    List<Token> tokens = tokens(text, close + 2);
    if (time.isEmpty() || tokens.size() < 2 || !tokens.get(0).quoted) {
      return Optional.empty();
    }
    OptionalInt status = status(tokens.get(1).text);
    if (status.isEmpty()) {
      return Optional.empty();
    }
    boolean istio = tokens.size() > 5 && tokens.get(5).quoted;
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("start_time", start);
    request(tokens.get(0).text, fields);
    named(tokens, istio ? ISTIO : ENVOY, fields);
    return Optional.of(
        new ParsedLog(
            istio ? LogFormats.ISTIO_ACCESS : LogFormats.ENVOY_ACCESS,
            Optional.of(level(status.getAsInt())),
            fields,
            time,
            Optional.empty(),
            status));
  }

  /**
   * {@code REMOTE_ADDR - REMOTE_USER [TIME_LOCAL] "REQUEST" STATUS BYTES "REFERER" "USER_AGENT"}.
   */
  static Optional<ParsedLog> nginx(String text) {
    int space = text.indexOf(' ');
    if (space <= 0 || !text.startsWith(" - ", space)) {
      return Optional.empty();
    }
    int open = text.indexOf(" [", space + 3);
    int close = text.indexOf("] \"", space + 3);
    if (open < 0 || close < open || text.indexOf(' ', space + 3) != open || close - open > 40) {
      return Optional.empty();
    }
    String timeLocal = text.substring(open + 2, close);
    Optional<Instant> time = LogTimes.commonLog(timeLocal);
    List<Token> tokens = tokens(text, close + 2);
    if (time.isEmpty() || tokens.size() < 2 || !tokens.get(0).quoted) {
      return Optional.empty();
    }
    OptionalInt status = status(tokens.get(1).text);
    if (status.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("remote_addr", text.substring(0, space));
    fields.put("remote_user", text.substring(space + 3, open));
    fields.put("time_local", timeLocal);
    request(tokens.get(0).text, fields);
    named(tokens, NGINX, fields);
    return Optional.of(
        new ParsedLog(
            LogFormats.NGINX,
            Optional.of(level(status.getAsInt())),
            fields,
            time,
            Optional.empty(),
            status));
  }

  /** An HTTP status as written: three digits, or Envoy's 0 for "no response sent". */
  static OptionalInt status(String text) {
    if (text.equals("0")) {
      return OptionalInt.of(0);
    }
    if (text.length() != 3 || !LogTimes.digits(text, 0, 3) || text.charAt(0) == '0') {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(text));
  }

  /** What an access line's status says of it: 5xx an error, 4xx a warning, anything else info. */
  static LogLevel level(int status) {
    return status >= 500 ? LogLevel.ERROR : status >= 400 ? LogLevel.WARN : LogLevel.INFO;
  }

  /** {@code METHOD PATH PROTOCOL} (Envoy writes {@code - - -} for TCP) into three fields. */
  private static void request(String request, Map<String, String> fields) {
    int first = request.indexOf(' ');
    int last = request.lastIndexOf(' ');
    if (first < 0) {
      fields.put("request", request);
      return;
    }
    fields.put("method", request.substring(0, first));
    fields.put("path", request.substring(first + 1, last > first ? last : request.length()));
    if (last > first) {
      fields.put("protocol", request.substring(last + 1));
    }
  }

  /** Tokens after the request line, named in order; a line with more keeps only the named. */
  private static void named(List<Token> tokens, List<String> names, Map<String, String> fields) {
    for (int i = 1; i < tokens.size() && i - 1 < names.size(); i++) {
      fields.put(names.get(i - 1), tokens.get(i).text);
    }
  }

  /**
   * Space-separated tokens from {@code from}, a {@code "quoted"} token ending at a quote before a
   * space or the end, since these formats write header values without escaping their quotes.
   */
  private static List<Token> tokens(String text, int from) {
    List<Token> tokens = new ArrayList<>(24);
    int i = from;
    int end = text.length();
    while (i < end) {
      if (text.charAt(i) == ' ') {
        i++;
      } else if (text.charAt(i) == '"') {
        int close = i + 1;
        while (close < end
            && !(text.charAt(close) == '"'
                && (close + 1 == end || text.charAt(close + 1) == ' '))) {
          close++;
        }
        tokens.add(new Token(text.substring(i + 1, Math.min(close, end)), true));
        i = close + 1;
      } else {
        int space = text.indexOf(' ', i);
        int stop = space < 0 ? end : space;
        tokens.add(new Token(text.substring(i, stop), false));
        i = stop;
      }
    }
    return tokens;
  }

  private record Token(String text, boolean quoted) {}
}
