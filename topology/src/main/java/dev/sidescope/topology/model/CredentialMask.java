package dev.sidescope.topology.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides which environment values look like credentials, and masks them. Nothing that looks like a
 * credential is ever shown, exported or logged by Sidescope.
 */
public final class CredentialMask {
  /** What a masked value is shown as. */
  public static final String MASK = "••••••";

  private static final Pattern SECRET_NAME =
      Pattern.compile(
          ".*(PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH).*");
  private static final Pattern AWS_ACCESS_KEY_ID = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{16}");
  private static final Pattern URL_USERINFO =
      Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/@\\s]+:[^/@\\s]+@.*");
  private static final Pattern KNOWN_TOKEN =
      Pattern.compile(
          "(gh[pousr]_[A-Za-z0-9]{20,}|xox[baprs]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{10,}"
              + "|eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\..*|-----BEGIN [A-Z ]*PRIVATE KEY-----.*)");

  private CredentialMask() {}

  /**
   * True when a literal value of a variable with this name looks like a credential: a name that
   * says so (and a value that is not a reference or a path), an AWS access key, a URL with a
   * password, or a well-known token shape.
   */
  public static boolean looksLikeCredential(String name, String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    String v = value.strip();
    if (awsAccessKeyId(v) || urlWithPassword(v) || knownToken(v)) {
      return true;
    }
    String n = name == null ? "" : name.toUpperCase(Locale.ROOT);
    if (!secretName(n)) {
      return false;
    }
    // A name like DB_PASSWORD_FILE=/run/secrets/db or VAULT_TOKEN_PATH points at a secret; it is
    // none.
    boolean pointer =
        n.endsWith("_FILE") || n.endsWith("_PATH") || n.endsWith("_ARN") || n.endsWith("_NAME");
    boolean pathOrRef =
        v.startsWith("/") || v.startsWith("arn:") || v.startsWith("${") || v.startsWith("$(");
    return !pointer && !pathOrRef && v.length() >= 4;
  }

  // Every environment variable of every container comes through here, and nearly none is a
  // credential: each pattern runs only on values that pass a plain check it implies.

  private static boolean awsAccessKeyId(String v) {
    return v.length() == 20
        && (v.startsWith("AKIA") || v.startsWith("ASIA"))
        && AWS_ACCESS_KEY_ID.matcher(v).matches();
  }

  private static boolean urlWithPassword(String v) {
    return v.indexOf('@') > 0 && v.contains("://") && URL_USERINFO.matcher(v).matches();
  }

  private static boolean knownToken(String v) {
    return (v.startsWith("gh")
            || v.startsWith("xox")
            || v.startsWith("sk_live_")
            || v.startsWith("eyJ")
            || v.startsWith("-----BEGIN "))
        && KNOWN_TOKEN.matcher(v).matches();
  }

  /**
   * True when a value under this name is a secret by its name ({@code DB_PASSWORD}, {@code
   * GITHUB_TOKEN}, {@code AWS_SECRET_ACCESS_KEY}, …), before anything about the value is asked.
   */
  public static boolean namesSecret(String name) {
    return name != null && secretName(name.toUpperCase(Locale.ROOT));
  }

  /** {@code upperName} holds one of {@link #SECRET_NAME}'s words. */
  private static boolean secretName(String upperName) {
    return (upperName.contains("PASSW")
            || upperName.contains("PWD")
            || upperName.contains("SECRET")
            || upperName.contains("TOKEN")
            || upperName.contains("KEY")
            || upperName.contains("CREDENTIAL")
            || upperName.contains("AUTH"))
        && SECRET_NAME.matcher(upperName).matches();
  }

  /** The value as it may be shown: itself, or {@link #MASK} when it looks like a credential. */
  public static String shown(String name, String value) {
    return looksLikeCredential(name, value) ? MASK : value;
  }
}
