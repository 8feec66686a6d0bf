package dev.sidescope.samples.envoy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An Envoy release as its admin API names it: the build's commit, its version, and {@code
 * server.version} (the commit's first digits as a number).
 *
 * @param commit 40 hex digits, fixed per version
 * @param version e.g. {@code 1.29.6}
 */
record EnvoyBuild(String commit, String version) {

  static EnvoyBuild of(EnvoySidecar sidecar) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1")
              .digest(("envoy " + sidecar.version()).getBytes(StandardCharsets.UTF_8));
      return new EnvoyBuild(HexFormat.of().formatHex(digest), sidecar.version());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }

  /** {@code <commit>/<version>/Clean/RELEASE/BoringSSL}, as {@code /server_info} prints it. */
  String versionString() {
    return commit + "/" + version + "/Clean/RELEASE/BoringSSL";
  }

  /** {@code server.version}: the commit's first six hex digits as a number. */
  long versionStat() {
    return Long.parseLong(commit.substring(0, 6), 16);
  }
}
