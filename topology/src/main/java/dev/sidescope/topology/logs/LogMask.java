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
 * AWS access key ids, JWTs, the well-known token shapes (GitHub, Slack, Stripe), private keys (and
 * any line that is only base64, as each line of a PEM body is), the password in a URL ({@code
 * scheme://user:password@host} keeps user and host), and the value of any {@code name=value},
 * {@code name: value}, Go {@code {Name:value}} or JSON {@code "name":"value"} pair (escaped quotes
 * too, as in a JSON record inside another's string) that {@link CredentialMask#looksLikeCredential}
 * judges a credential ({@code password}, {@code token}, {@code api_key}, {@code
 * aws_secret_access_key}, {@code SecretAccessKey}, …).
 *
 * <p>Only the secret is replaced: the name, user, host and scheme stay, so a person still sees what
 * the line is about. Words, durations, ids, UUIDs, IP addresses and trace ids ({@code Root=1-…})
 * are left alone, and so is an HTTP/2 {@code :authority}, which is a host.
 *
 * <p>Runs on every line shown: a line with none of the characters or words a secret comes with (no
 * {@code =}, {@code :}, {@code @}, {@code eyJ}, {@code AKIA}, {@code Bearer}, …) is returned after
 * one scan, and every rule is linear in the line's length, whatever the line holds. Stateless and
 * thread-safe.
 */
public final class LogMask {
  private static final Pattern BEARER =
      Pattern.compile("(?i)\\bbearer\\s++([A-Za-z0-9._~+/-]++=*+)");
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "(?i)\\bauthorization(?:\\\\*+[\"'])?\\s*+[:=]\\s*+(?:\\\\*+[\"'])?"
              + "(?:(?:basic|bearer|digest|negotiate|token|aws4-hmac-sha256)\\s++)?"
              + "([^\\s\"',;\\\\]++)");
  private static final Pattern AWS_ACCESS_KEY_ID =
      Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])");
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

  /** The longest user and password of a URL that is looked at. */
  private static final int MAX_USERINFO = 256;

  /** The shortest line that is only base64 and taken for a key's (or certificate's) body. */
  private static final int MIN_BASE64_LINE = 40;

  private LogMask() {}

  /** {@code line} with its secrets masked; the same instance when it holds none. */
  public static String mask(String line) {
    int[] body = base64Line(line);
    if (body != null) {
      return line.substring(0, body[0]) + CredentialMask.MASK + line.substring(body[1]);
    }
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
    jwts(line, secrets);
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

  /**
   * Each JWT: {@code eyJ} at a word's start, then base64url, a dot, at least 8 more, a dot and the
   * signature. Read by hand rather than by a pattern: on a line like {@code eyJ-eyJ-eyJ-…} a
   * pattern would read from every {@code eyJ} to the end of the line and fail there, each time.
   * Here each run of base64url characters is read once: every {@code eyJ} in one run has the same
   * dot after it, or none, so when the first fails the rest of its run is skipped.
   */
  private static void jwts(String line, List<int[]> secrets) {
    int length = line.length();
    for (int at = line.indexOf("eyJ"); at >= 0; at = line.indexOf("eyJ", at + 1)) {
      if (at > 0 && isWordChar(line.charAt(at - 1))) {
        continue;
      }
      int headerEnd = base64UrlRun(line, at + 3);
      if (headerEnd - at < 11 || headerEnd >= length || line.charAt(headerEnd) != '.') {
        at = headerEnd;
        continue;
      }
      int payloadEnd = base64UrlRun(line, headerEnd + 1);
      if (payloadEnd - headerEnd - 1 < 8
          || payloadEnd >= length
          || line.charAt(payloadEnd) != '.') {
        at = headerEnd;
        continue;
      }
      int end = base64UrlRun(line, payloadEnd + 1);
      secrets.add(new int[] {at, end});
      at = end - 1;
    }
  }

  /** The end of the run of base64url characters ({@code A-Z a-z 0-9 _ -}) from {@code from}. */
  private static int base64UrlRun(String line, int from) {
    int i = from;
    while (i < line.length() && (isWordChar(line.charAt(i)) || line.charAt(i) == '-')) {
      i++;
    }
    return i;
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  /**
   * The base64 of a line that, but for spaces around it, is only base64 of at least {@link
   * #MIN_BASE64_LINE} characters, or null. A PEM private key written to a log comes one line of its
   * body at a time, with nothing on a line that says it is a key; so every such line is masked.
   * That hides the body of a certificate, which is public, too: on purpose, since a line of it
   * cannot be told from a line of a key, and a certificate is checked by other means than reading
   * its base64. A run of only {@code +} and {@code /} is a rule drawn in text, not base64.
   */
  private static int[] base64Line(String line) {
    int length = line.length();
    int start = 0;
    while (start < length && Character.isWhitespace(line.charAt(start))) {
      start++;
    }
    int end = start;
    boolean alphanumeric = false;
    while (end < length) {
      char c = line.charAt(end);
      if (c == '+' || c == '/') {
        end++;
      } else if (isWordChar(c) && c != '_') {
        alphanumeric = true;
        end++;
      } else {
        break;
      }
    }
    if (end - start < MIN_BASE64_LINE || !alphanumeric) {
      return null;
    }
    for (int pad = 0; pad < 2 && end < length && line.charAt(end) == '='; pad++) {
      end++;
    }
    for (int rest = end; rest < length; rest++) {
      if (!Character.isWhitespace(line.charAt(rest))) {
        return null;
      }
    }
    return new int[] {start, end};
  }

  /** A private key's body after its {@code -----BEGIN … PRIVATE KEY-----} line, up to its end. */
  private static void privateKeys(String line, List<int[]> secrets) {
    int end = 0;
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
      // Searched again only when the last search found an end before this body: once no end was
      // found, none is after any later header either.
      if (end >= 0 && end < bodyStart) {
        end = line.indexOf("-----END", bodyStart);
      }
      secrets.add(new int[] {bodyStart, end < 0 ? line.length() : end});
    }
  }

  /**
   * The password of each {@code scheme://user:password@host}. A password may hold {@code @} and
   * {@code /} as it was typed: the user and password end at the last {@code @} before the next
   * {@code /}; and where no {@code @} comes before it, but the host has a {@code :} not followed by
   * a port ({@code redis://:pa/ss@host}), at the last {@code @} before the {@code /} after the next
   * {@code @}. A URL without a user ({@code http://host/path@v1}, {@code http://host:8080/a@b})
   * keeps all of it. Only the first {@link #MAX_USERINFO} characters of each are looked at.
   */
  private static void urlPasswords(String line, List<int[]> secrets) {
    if (line.indexOf('@') < 0) {
      return;
    }
    int length = line.length();
    for (int scheme = line.indexOf("://"); scheme >= 0; scheme = line.indexOf("://", scheme + 3)) {
      int start = scheme + 3;
      int limit = Math.min(length, start + MAX_USERINFO);
      int colon = -1;
      int at = -1;
      int slash = start;
      for (; slash < limit && line.charAt(slash) != '/' && !endsUrl(line.charAt(slash)); slash++) {
        char c = line.charAt(slash);
        if (c == '@') {
          at = slash;
        } else if (c == ':' && colon < 0) {
          colon = slash;
        }
      }
      if (at < 0
          && colon >= 0
          && slash < limit
          && line.charAt(slash) == '/'
          && line.charAt(start) != '['
          && !isPort(line, colon + 1, slash)) {
        for (int i = slash; i < limit && !endsUrl(line.charAt(i)); i++) {
          char c = line.charAt(i);
          if (c == '@') {
            at = i;
          } else if (c == '/' && at >= 0) {
            break;
          }
        }
      }
      if (colon >= 0 && colon + 1 < at) {
        secrets.add(new int[] {colon + 1, at});
      }
    }
  }

  private static boolean endsUrl(char c) {
    return c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '<' || c == '>';
  }

  /** Digits only, and at least one: what follows a host's {@code :} when no password does. */
  private static boolean isPort(String line, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (line.charAt(i) < '0' || line.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * The values of {@code name=value}, {@code name: value}, {@code "name": "value"} and Go's {@code
   * {Name:value}} pairs that {@link CredentialMask} judges credentials. A quote escaped with {@code
   * \\} is a quote too: a JSON record inside another's string, as Fluent Bit and FireLens send them
   * to CloudWatch, reads {@code {"log":"{\\"password\\":\\"…\\"}"}}.
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
        while (nameEnd > 0 && line.charAt(nameEnd - 1) == '\\' && i - nameEnd < MAX_NAME) {
          nameEnd--;
        }
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
        // "name: value" only with the space a header or YAML puts there, or as a field of Go's
        // %+v; "host:port" is no pair.
        if (sep == ':'
            && (i + 1 >= length || line.charAt(i + 1) != ' ')
            && !goField(line, nameStart, nameEnd)) {
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
      int escapes = 0;
      while (valueStart + escapes < length
          && line.charAt(valueStart + escapes) == '\\'
          && escapes < MAX_NAME) {
        escapes++;
      }
      int open = valueStart + escapes;
      int depth = depth(escapes);
      int valueEnd;
      if (open < length && isQuote(line.charAt(open)) && escapes == (1 << depth) - 1) {
        valueStart = open + 1;
        valueEnd = quotedEnd(line, valueStart, line.charAt(open), depth);
      } else {
        valueEnd = unquotedEnd(line, valueStart);
      }
      String value = line.substring(valueStart, valueEnd);
      if (!NOT_SECRETS.contains(value.toLowerCase(Locale.ROOT))
          && !overlaps(secrets, valueStart, valueEnd)
          && credential(name, value)) {
        secrets.add(new int[] {valueStart, valueEnd});
      }
      i = Math.max(i, valueEnd - 1);
    }
  }

  /**
   * A field as Go's {@code %+v} prints a struct ({@code {User:bob Password:hunter2}}) or a map
   * ({@code map[password:hunter2]}): a name with no {@code :} in it, at the start of the line or
   * after a space, a comma or an opening bracket.
   */
  private static boolean goField(String line, int nameStart, int nameEnd) {
    if (nameStart > 0 && " \t{[(,".indexOf(line.charAt(nameStart - 1)) < 0) {
      return false;
    }
    for (int k = nameStart; k < nameEnd; k++) {
      if (line.charAt(k) == ':' || line.charAt(k) == '@') {
        return false;
      }
    }
    return true;
  }

  /**
   * How deep in strings a quote with {@code backslashes} before it is: 0 for {@code "}, 1 for
   * {@code \\"} (a quote in a JSON string), 2 for {@code \\\\\\"} (in a string in a string), …; a
   * quote after an even number is not escaped at all, those are backslashes of the text.
   */
  private static int depth(int backslashes) {
    int depth = 0;
    for (int b = backslashes; (b & 1) == 1; b >>= 1) {
      depth++;
    }
    return depth;
  }

  /**
   * Where a value quoted at {@code depth} ends: at the first quote no deeper than it, before the
   * backslashes that make that quote's depth. A quote escaped once more belongs to the value.
   */
  private static int quotedEnd(String line, int from, char quote, int depth) {
    int backslashes = 0;
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        backslashes++;
        continue;
      }
      if (c == quote) {
        int at = depth(backslashes);
        if (at <= depth) {
          return i - ((1 << at) - 1);
        }
      }
      backslashes = 0;
    }
    return line.length();
  }

  /** Where a value without quotes ends: at a space, a delimiter, or an escaped quote. */
  private static int unquotedEnd(String line, int from) {
    int length = line.length();
    int i = from;
    while (i < length && !endsValue(line.charAt(i))) {
      if (line.charAt(i) == '\\') {
        int run = i;
        while (run < length && line.charAt(run) == '\\') {
          run++;
        }
        if (run < length && isQuote(line.charAt(run))) {
          return i;
        }
        i = run;
      } else {
        i++;
      }
    }
    return i;
  }

  /**
   * Whether {@code value}, under {@code name}, is a credential: as {@link CredentialMask} judges an
   * environment variable, but for a value starting with {@code /}. There it is a path, and no
   * secret, only under a name that says so ({@code …_FILE}, {@code …_PATH}, {@code …_DIR}, or
   * {@code …_ARN} and {@code …_NAME} which point at a secret): an AWS secret access key is base64
   * and may start with {@code /}, and a log line says {@code password=/…} for no other reason.
   */
  private static boolean credential(String name, String value) {
    String upper = credentialName(name);
    String v = value.strip();
    if (v.startsWith("/") && !pointsAtSecret(upper)) {
      return v.length() >= 4 && CredentialMask.namesSecret(upper);
    }
    return CredentialMask.looksLikeCredential(upper, value);
  }

  private static boolean pointsAtSecret(String upperName) {
    return upperName.endsWith("FILE")
        || upperName.endsWith("PATH")
        || upperName.endsWith("DIR")
        || upperName.endsWith("DIRECTORY")
        || upperName.endsWith("ARN")
        || upperName.endsWith("NAME");
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
