package dev.sidescope.views.logs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the view makes of one line's text: its tone, the fields its format carries, an X-Ray trace
 * id and an HTTP status where it has them.
 *
 * @param format the format recognised ("json", "logfmt", "envoy-access", "text", …)
 * @param fields in the order the line gives them
 * @param serverError an access line whose status is 5xx: highlighted
 */
public record LineFacts(
    String format,
    LineTone tone,
    Map<String, String> fields,
    Optional<String> traceId,
    OptionalInt status,
    boolean serverError) {

  public static final LineFacts NONE =
      new LineFacts("text", LineTone.PLAIN, Map.of(), Optional.empty(), OptionalInt.empty(), false);

  public LineFacts {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
