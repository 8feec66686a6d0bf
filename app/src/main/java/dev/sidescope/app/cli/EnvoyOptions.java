package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The proxy source's command-line options, for any command to mix in ({@code @Mixin EnvoyOptions
 * envoy;}): {@code --envoy-admin URL} (repeatable) reads an Envoy's admin API at that address and
 * is a source flag like {@code --kubeconfig} (given alone, the only source); {@code --envoy-stats}
 * reads every Envoy sidecar the other sources discover, through a port-forward on Kubernetes.
 */
public final class EnvoyOptions {
  @Option(
      names = "--envoy-admin",
      paramLabel = "URL",
      description =
          "Read the Envoy admin API at this URL, e.g. http://127.0.0.1:9901 (repeatable). A source"
              + " flag: given alone, the only source.")
  List<String> admins = List.of();

  @Option(
      names = "--envoy-stats",
      description =
          "Read the admin API of every Envoy sidecar the sources discover (on Kubernetes through a"
              + " port-forward, 8 at a time; narrow it with --namespace) and put its figures on"
              + " the sidecar's arrows.")
  boolean stats;

  /** Whether any admin URL was given: then the proxy source is a source of its own. */
  public boolean adminsGiven() {
    return !admins.isEmpty();
  }

  /** Whether every discovered Envoy sidecar is to be read. */
  public boolean discoveredWanted() {
    return stats;
  }

  /**
   * The admin URLs given, each {@code http://HOST:PORT} with no path.
   *
   * @throws UserError when one is not such a URL
   */
  public List<URI> adminUrls() {
    List<URI> urls = new ArrayList<>();
    for (String given : admins) {
      urls.add(adminUrl(given));
    }
    return urls;
  }

  static URI adminUrl(String given) {
    String text = given.strip();
    if (!text.contains("://")) {
      text = "http://" + text;
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null
          || uri.getPort() < 1
          || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))
          || uri.getQuery() != null) {
        throw new UserError(
            "--envoy-admin takes an admin address such as http://127.0.0.1:9901, not '"
                + given
                + "'.");
      }
      return new URI(scheme, null, uri.getHost(), uri.getPort(), null, null, null);
    } catch (URISyntaxException e) {
      throw new UserError(
          "--envoy-admin takes an admin address such as http://127.0.0.1:9901, not '"
              + given
              + "'.",
          e);
    }
  }
}
