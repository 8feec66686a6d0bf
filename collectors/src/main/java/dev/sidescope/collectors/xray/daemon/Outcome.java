package dev.sidescope.collectors.xray.daemon;

import java.util.OptionalInt;

/** How one call ended, in X-Ray's terms: a throttle is also an error. */
enum Outcome {
  OK,
  ERROR,
  THROTTLE,
  FAULT;

  /**
   * The flags where any is set, as X-Ray counts them; otherwise the HTTP status: 2xx and 3xx ok,
   * 429 throttled, other 4xx an error, 5xx a fault; neither: ok.
   */
  static Outcome of(boolean error, boolean fault, boolean throttle, OptionalInt httpStatus) {
    if (fault) {
      return FAULT;
    }
    if (throttle) {
      return THROTTLE;
    }
    if (error) {
      return ERROR;
    }
    if (httpStatus.isPresent()) {
      int status = httpStatus.getAsInt();
      if (status == 429) {
        return THROTTLE;
      }
      if (status >= 400 && status < 500) {
        return ERROR;
      }
      if (status >= 500 && status < 600) {
        return FAULT;
      }
    }
    return OK;
  }
}
