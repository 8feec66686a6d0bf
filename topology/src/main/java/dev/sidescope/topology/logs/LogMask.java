package dev.sidescope.topology.logs;

import dev.sidescope.topology.model.CredentialMask;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the secrets a log line may hold before it is shown or printed, as {@link
 * CredentialMask#MASK}: the credentials of an {@code Authorization} header or after {@code Bearer},
 * AWS access key ids, JWTs, the well-known token shapes (GitHub, Slack, Stripe), private keys, the
 * password in a URL ({@code scheme://user:password@host} keeps user and host), and the value of any
 * {@code name=value}, {@code name: value} or JSON {@code "name":"value"} pair that {@link
 * CredentialMask#looksLikeCredential} judges a credential ({@code password}, {@code token}, {@code
 * api_key}, {@code aws_secret_access_key}, {@code SecretAccessKey}, …).
 *
 * <p>Only the secret is replaced: the name, user, host and scheme stay, so a person still sees what
 * the line is about. Words, durations, ids, UUIDs, IP addresses and trace ids ({@code Root=1-…})
 * are left alone, and so is an HTTP/2 {@code :authority}, which is a host.
 *
 * <p>Runs on every line shown: a line with none of the characters or words a secret comes with (no
 * {@code =}, {@code :}, {@code @}, {@code eyJ}, {@code AKIA}, {@code Bearer}, …) is returned after
 * one scan, and every rule is linear in the line's length. Stateless and thread-safe.
 */
public final class LogMask {
  private static final Pattern BEARER =
      Pattern.compile("(?i)\\bbearer\\s++([A-Za-z0-9._~+/-]++=*+)");
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "(?i)\\bauthorization[\"']?\\s*+[:=]\\s*+[\"']?"
              + "(?:(?:basic|bearer|digest|negotiate|token|aws4-hmac-sha256)\\s++)?"
              + "([^\\s\"',;]++)");
  private static final Pattern AWS_ACCESS_KEY_ID =
      Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])");
  private static final Pattern JWT =
      Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}+\\.[A-Za-z0-9_-]{8,}+\\.[A-Za-z0-9_-]*+");
  private static final Pattern KNOWN_TOKEN =
      Pattern.compile(
          "\\b(?:gh[pousr]_[A-Za-z0-9]{20,}+|xox[baprs]-[A-Za-z0-9-]{10,}+"
              + "|sk_live_[A-Za-z0-9]{10,}+)");

  /** {@code AUTHOR} in a name, but not in {@code AUTHORIZATION} or {@code AUTHORISATION}. */
  private static final Pattern AUTHOR = Pattern.compile("AUTHOR(?!I[ZS])");

  /** Values that say something about a secret without being one. */
  private static final Set<String> NOT_SECRETS =
      Set.of(
          "none",
          "null",
          "nil",
          "<nil>",
          "true",
          "false",
          "yes",
          "no",
          "on",
          "off",
          "enabled",
          "disabled",
          "required",
          "optional",
          "bearer",
          "basic",
          "redacted",
          "-",
          CredentialMask.MASK);

  private static final int MAX_NAME = 64;

  private LogMask() {}

  /** {@code line} with its secrets masked; the same instance when it holds none. */
  public static String mask(String line) {
    if (!mayHoldSecret(line)) {
      return line;
    }
    List<int[]> secrets = new ArrayList<>(2);
    if (containsIgnoreCase(line, "bearer")) {
      matches(BEARER, line, secrets, true);
    }
    if (containsIgnoreCase(line, "authorization")) {
      matches(AUTHORIZATION, line, secrets, false);
    }
    if (line.contains("AKIA") || line.contains("ASIA")) {
      matches(AWS_ACCESS_KEY_ID, line, secrets, false);
    }
    if (line.contains("eyJ")) {
      matches(JWT, line, secrets, false);
    }
    if (line.contains("gh") || line.contains("xox") || line.contains("sk_live_")) {
      matches(KNOWN_TOKEN, line, secrets, false);
    }
    privateKeys(line, secrets);
    urlPasswords(line, secrets);
    pairs(line, secrets);
    return secrets.isEmpty() ? line : replace(line, secrets);
  }

  /** False when the line has none of the characters and words any rule starts from. */
  private static boolean mayHoldSecret(String line) {
    int length = line.length();
    for (int i = 0; i < length; i++) {
      switch (line.charAt(i)) {
        case '=', ':', '@':
          return true;
        case 'e':
          if (line.startsWith("eyJ", i)) {
            return true;
          }
          break;
        case 'A':
          if (line.startsWith("AKIA", i) || line.startsWith("ASIA", i)) {
            return true;
          }
          break;
        case 'b', 'B':
          if (line.regionMatches(true, i, "bearer", 0, 6)) {
            return true;
          }
          break;
        case 'g':
          if (i + 3 < length && line.charAt(i + 1) == 'h' && line.charAt(i + 3) == '_') {
            return true;
          }
          break;
        case 'x':
          if (line.startsWith("xox", i)) {
            return true;
          }
          break;
        case 's':
          if (line.startsWith("sk_live_", i)) {
            return true;
          }
          break;
        case '-':
          if (line.startsWith("-----BEGIN", i)) {
            return true;
          }
          break;
        default:
          break;
      }
    }
    return false;
  }

  /**
   * Each match's group 1 (or the whole match when there is no group); for {@code bearer} only what
   * looks like a token, so "the bearer authentication failed" stays as it is.
   */
  private static void matches(Pattern pattern, String line, List<int[]> secrets, boolean token) {
    Matcher m = pattern.matcher(line);
    while (m.find()) {
      int group = m.groupCount() >= 1 ? 1 : 0;
      String value = m.group(group);
      if (token && !looksLikeToken(value)) {
        continue;
      }
      if (group == 1 && NOT_SECRETS.contains(value.toLowerCase(Locale.ROOT))) {
        continue;
      }
      secrets.add(new int[] {m.start(group), m.end(group)});
    }
  }

  private static boolean looksLikeToken(String value) {
    if (value.length() < 8) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c >= '0' && c <= '9') || "._~+/-=".indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** A private key's body after its {@code -----BEGIN … PRIVATE KEY-----} line, up to its end. */
  private static void privateKeys(String line, List<int[]> secrets) {
    for (int begin = line.indexOf("-----BEGIN ");
        begin >= 0;
        begin = line.indexOf("-----BEGIN ", begin + 1)) {
      int headerEnd = line.indexOf("-----", begin + 11);
      if (headerEnd < 0 || headerEnd - begin > 60) {
        continue;
      }
      if (!line.substring(begin, headerEnd).endsWith("PRIVATE KEY")) {
        continue;
      }
      int bodyStart = headerEnd + 5;
      int end = line.indexOf("-----END", bodyStart);
      secrets.add(new int[] {bodyStart, end < 0 ? line.length() : end});
    }
  }

  /** The password of each {@code scheme://user:password@host}. */
  private static void urlPasswords(String line, List<int[]> secrets) {
    if (line.indexOf('@') < 0) {
      return;
    }
    for (int scheme = line.indexOf("://"); scheme >= 0; scheme = line.indexOf("://", scheme + 3)) {
      int start = scheme + 3;
      int i = start;
      int colon = -1;
      while (i < line.length() && "/@ \t\"'<>?#".indexOf(line.charAt(i)) < 0) {
        if (line.charAt(i) == ':' && colon < 0) {
          colon = i;
        }
        i++;
      }
      if (i < line.length() && line.charAt(i) == '@' && colon >= 0 && colon + 1 < i) {
        secrets.add(new int[] {colon + 1, i});
      }
    }
  }

  /**
   * The values of {@code name=value}, {@code name: value} and {@code "name": "value"} pairs that
   * {@link CredentialMask} judges credentials.
   */
  private static void pairs(String line, List<int[]> secrets) {
    int length = line.length();
    for (int i = 0; i < length; i++) {
      char sep = line.charAt(i);
      if (sep != '=' && sep != ':') {
        continue;
      }
      int nameEnd = i;
      while (nameEnd > 0 && line.charAt(nameEnd - 1) == ' ' && i - nameEnd < 2) {
        nameEnd--;
      }
      boolean quoted = nameEnd > 0 && isQuote(line.charAt(nameEnd - 1));
      int nameStart;
      if (quoted) {
        char quote = line.charAt(nameEnd - 1);
        nameEnd--;
        nameStart = nameEnd;
        while (nameStart > 0
            && nameEnd - nameStart <= MAX_NAME
            && isNameChar(line.charAt(nameStart - 1))) {
          nameStart--;
        }
        if (nameStart == 0 || line.charAt(nameStart - 1) != quote) {
          continue;
        }
      } else {
        nameStart = nameEnd;
        while (nameStart > 0
            && nameEnd - nameStart <= MAX_NAME
            && isNameChar(line.charAt(nameStart - 1))) {
          nameStart--;
        }
        // "name: value" only with the space a header or YAML puts there; "host:port" is no pair.
        if (sep == ':' && (i + 1 >= length || line.charAt(i + 1) != ' ')) {
          continue;
        }
      }
      if (nameStart == nameEnd || nameEnd - nameStart > MAX_NAME) {
        continue;
      }
      String name = line.substring(nameStart, nameEnd);
      if (!secretName(name)) {
        continue;
      }
      int valueStart = i + 1;
      while (valueStart < length && line.charAt(valueStart) == ' ') {
        valueStart++;
      }
      int valueEnd;
      if (valueStart < length && isQuote(line.charAt(valueStart))) {
        char quote = line.charAt(valueStart);
        valueStart++;
        valueEnd = valueStart;
        while (valueEnd < length && line.charAt(valueEnd) != quote) {
          valueEnd += line.charAt(valueEnd) == '\\' ? 2 : 1;
        }
        valueEnd = Math.min(valueEnd, length);
      } else {
        valueEnd = valueStart;
        while (valueEnd < length && !endsValue(line.charAt(valueEnd))) {
          valueEnd++;
        }
      }
      String value = line.substring(valueStart, valueEnd);
      if (!NOT_SECRETS.contains(value.toLowerCase(Locale.ROOT))
          && !overlaps(secrets, valueStart, valueEnd)
          && CredentialMask.looksLikeCredential(credentialName(name), value)) {
        secrets.add(new int[] {valueStart, valueEnd});
      }
      i = Math.max(i, valueEnd - 1);
    }
  }

  /**
   * {@code name} as {@link CredentialMask} reads variable names: upper case, {@code _} between
   * words. Its rule takes any name with {@code AUTH} in it, which in a log line also catches {@code
   * authority} (a host) and {@code author}: those are taken out first.
   */
  private static String credentialName(String name) {
    String upper =
        name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_').replace(':', '_');
    return upper.contains("AUTHOR") ? AUTHOR.matcher(upper).replaceAll("") : upper;
  }

  private static boolean secretName(String name) {
    String upper = credentialName(name);
    return upper.contains("PASSW")
        || upper.contains("PWD")
        || upper.contains("SECRET")
        || upper.contains("TOKEN")
        || upper.contains("KEY")
        || upper.contains("CREDENTIAL")
        || upper.contains("AUTH");
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-'
        || c == '.'
        || c == ':'
        || c == '@';
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'';
  }

  private static boolean endsValue(char c) {
    return c == ' ' || c == '\t' || ",;&\"')]}<>".indexOf(c) >= 0;
  }

  private static boolean overlaps(List<int[]> secrets, int start, int end) {
    for (int[] secret : secrets) {
      if (secret[0] < end && start < secret[1]) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsIgnoreCase(String line, String word) {
    int last = line.length() - word.length();
    char first = word.charAt(0);
    for (int i = 0; i <= last; i++) {
      char c = line.charAt(i);
      if ((c == first || c == Character.toUpperCase(first))
          && line.regionMatches(true, i, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  /** The line with each secret replaced by the mask; overlapping secrets make one mask. */
  private static String replace(String line, List<int[]> secrets) {
    secrets.sort((a, b) -> Integer.compare(a[0], b[0]));
    StringBuilder out = new StringBuilder(line.length());
    int copied = 0;
    for (int[] secret : secrets) {
      if (secret[0] >= secret[1]) {
        continue;
      }
      if (secret[0] < copied) {
        copied = Math.max(copied, secret[1]);
        continue;
      }
      out.append(line, copied, secret[0]).append(CredentialMask.MASK);
      copied = secret[1];
    }
    if (copied == 0) {
      return line;
    }
    return out.append(line, copied, line.length()).toString();
  }
}
