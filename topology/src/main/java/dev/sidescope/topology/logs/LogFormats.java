package dev.sidescope.topology.logs;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads what a log line says: its format, level, named fields, time, X-Ray trace id and, for an
 * access log line, HTTP status.
 *
 * <p>Knows the formats of the sidecars Sidescope shows and of common app logs: Envoy's and Istio's
 * default access logs and Envoy's JSON one, Istio's component logs in text and JSON, Fluent Bit's,
 * the X-Ray daemon's and Vault agent's own logs, NGINX's access and error logs, JSON and logfmt app
 * logs, and Docker's json-file records around any of them. A line that starts with a time as {@code
 * kubectl logs --timestamps} writes it is read after that time, which becomes the line's time,
 * since it says when the container wrote the line. Any other line is {@link #PLAIN}, with a level
 * only when it starts with one.
 *
 * <p>Called for the lines on screen and for command-line output, not for every line taken in:
 * linear in the line's length, no backtracking patterns. Never throws; a line it cannot read is
 * plain. Stateless and thread-safe.
 */
public final class LogFormats {
  /** Envoy's default text access log format. */
  public static final String ENVOY_ACCESS = "envoy-access";

  /** Envoy's access log in JSON ({@code json_format}), as Envoy Gateway writes it by default. */
  public static final String ENVOY_ACCESS_JSON = "envoy-access-json";

  /** Istio's default text access log format. */
  public static final String ISTIO_ACCESS = "istio-access";

  /** Istio's components (pilot-agent, istiod, ztunnel) in their tab-separated text format. */
  public static final String ISTIO_AGENT = "istio-agent";

  /** Istio's components with {@code --log_as_json}. */
  public static final String ISTIO_JSON = "istio-json";

  /** Fluent Bit's own log. */
  public static final String FLUENT_BIT = "fluent-bit";

  /** The AWS X-Ray daemon's own log. */
  public static final String XRAY_DAEMON = "xray-daemon";

  /** Vault agent's log (HashiCorp's hclog format). */
  public static final String VAULT_AGENT = "vault-agent";

  /** Any other JSON object. */
  public static final String JSON = "json";

  /** {@code key=value} pairs. */
  public static final String LOGFMT = "logfmt";

  /** NGINX's {@code combined} access log and its error log. */
  public static final String NGINX = "nginx";

  /** Docker's json-file record: fields, level and status are those of the line inside it. */
  public static final String DOCKER_JSON = "docker-json";

  /** No format recognised. */
  public static final String PLAIN = "plain";

  /** How deep lines inside lines are read: a Docker record around a JSON record around a line. */
  static final int MAX_DEPTH = 2;

  private LogFormats() {}

  /** What {@code text}, one line without its newline, says. */
  public static ParsedLog read(String text) {
    try {
      return read(text, 0);
    } catch (RuntimeException e) {
      // A reader's mistake on a line nobody foresaw must not cost the console the line.
      return plain(text);
    }
  }

  /** Read one line; {@code depth} counts the lines it sits inside. */
  static ParsedLog read(String text, int depth) {
    ParsedLog parsed = recognise(text, depth);
    if (parsed.traceId().isEmpty() && text.contains("Root=1-")) {
      Optional<String> traceId = XRayTraceIds.inHeader(text);
      if (traceId.isPresent()) {
        return new ParsedLog(
            parsed.format(),
            parsed.level(),
            parsed.fields(),
            parsed.time(),
            traceId,
            parsed.status());
      }
    }
    return parsed;
  }

  /** A line of no known format, with the level it starts with. */
  static ParsedLog plain(String text) {
    return new ParsedLog(
        PLAIN,
        ComponentLogs.leadingLevel(text),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        OptionalInt.empty());
  }

  // Each reader checks the first characters before anything else, so the order costs little;
  // it runs from the most specific start to the least.
  private static ParsedLog recognise(String text, int depth) {
    if (text.isEmpty()) {
      return plain(text);
    }
    int timeEnd = LogTimes.rfc3339End(text);
    if (timeEnd > 0 && timeEnd < text.length()) {
      Optional<Instant> time = LogTimes.rfc3339(text.substring(0, timeEnd));
      char after = text.charAt(timeEnd);
      if (after == '\t') {
        Optional<ParsedLog> istio = ComponentLogs.istio(text, timeEnd, time);
        if (istio.isPresent()) {
          return istio.get();
        }
      } else if (after == ' ') {
        String rest = text.substring(timeEnd + 1);
        Optional<ParsedLog> bracketed = ComponentLogs.bracketedLevel(rest, time);
        if (bracketed.isPresent()) {
          return bracketed.get();
        }
        ParsedLog inner = depth < MAX_DEPTH ? read(rest, depth + 1) : plain(rest);
        return new ParsedLog(
            inner.format(),
            inner.level(),
            inner.fields(),
            time.or(inner::time),
            inner.traceId(),
            inner.status());
      }
    }
    char first = text.charAt(0);
    Optional<ParsedLog> parsed = Optional.empty();
    if (first == '{') {
      parsed = JsonLogs.read(text, depth);
    } else if (first == '[') {
      parsed = AccessLogs.envoy(text).or(() -> ComponentLogs.fluentBit(text));
    } else {
      parsed =
          ComponentLogs.nginxError(text).or(() -> AccessLogs.nginx(text)).or(() -> logfmt(text));
    }
    return parsed.orElseGet(() -> plain(text));
  }

  private static Optional<ParsedLog> logfmt(String text) {
    return Logfmt.pairs(text, 0, 2)
        .map(
            fields ->
                new ParsedLog(
                    LOGFMT,
                    LogFields.level(fields),
                    fields,
                    LogFields.time(fields),
                    LogFields.traceId(fields),
                    LogFields.status(fields)));
  }
}
