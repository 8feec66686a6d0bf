package dev.sidescope.views.sources;

import java.util.List;
import java.util.Optional;

/**
 * The app's side of the Sources dialog: it reads what can be chosen, lists ECS clusters and
 * connects the chosen sources to the store that feeds the console. The console never reaches a
 * cluster, a file of the user's or an account itself.
 *
 * <p>Threading contract: every method may block (files, the network, starting clients), so the
 * console calls them on a worker thread of its own, one call at a time, never on the FX thread.
 * Failures a person can act on are thrown as {@link Unavailable}, whose message is one sentence.
 */
public interface SourceCatalog {

  /** What can be chosen on this machine now. Reads files; never fails (problems are in it). */
  SourceOffer offer();

  /** The sources in use, {@link SourceChoice#NONE} when none. */
  SourceChoice inUse();

  /**
   * Lists the names of the ECS clusters in the region with the profile's credentials (read-only).
   *
   * @param region empty: where the AWS CLI would find one ({@code AWS_REGION}, the profile's)
   * @throws Unavailable when they cannot be listed
   */
  List<String> ecsClusters(String profile, Optional<String> region);

  /**
   * Stops the sources in use and starts the chosen ones, feeding the same console; the picture then
   * holds only what the new sources see.
   *
   * @return the window title for the new sources
   * @throws Unavailable when the choice cannot be used (a context gone from the kubeconfig, ...);
   *     the sources in use then stay as they were
   */
  String apply(SourceChoice choice);

  /**
   * Stops the sources in use and opens the built-in sample cluster instead, served on loopback.
   *
   * @return the window title for the demo
   * @throws Unavailable when the sample cannot be served
   */
  String openDemo();

  /** A choice that cannot be used now, said in one sentence. */
  final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String sentence) {
      super(sentence);
    }

    public Unavailable(String sentence, Throwable cause) {
      super(sentence, cause);
    }
  }
}
