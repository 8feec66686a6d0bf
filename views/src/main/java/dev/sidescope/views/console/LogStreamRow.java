package dev.sidescope.views.console;

import dev.sidescope.topology.logs.LogStream;
import dev.sidescope.topology.logs.LogStreamState;
import java.util.Locale;

/**
 * A stream's row in the Logs tab's header: whose lines, in which colour, where the stream stands
 * and the source's sentence about it, and whether its container's previous run can be shown.
 *
 * @param colour the stream's colour, an index into the tab's palette
 * @param phase connecting, live, reconnecting, ended, gone, elsewhere or failed
 * @param previousRun the container restarted and its previous run is not shown yet
 */
public record LogStreamRow(
    LogStream stream,
    int colour,
    LogStreamState.Phase phase,
    String sentence,
    boolean sampled,
    boolean previousRun) {

  public String label() {
    return stream.label();
  }

  /** The phase as the header writes it. */
  public String phaseText() {
    return phase.name().toLowerCase(Locale.ROOT) + (sampled ? " · sampled" : "");
  }
}
