package dev.sidescope.collectors.envoy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.sidescope.topology.model.proxy.ConfigTree;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads Envoy's {@code /config_dump} (JSON) into a {@link ConfigTree} for a person to browse, with
 * every secret replaced by {@link ConfigTree#REDACTED} while it is read, so that no secret is ever
 * held in the tree:
 *
 * <ul>
 *   <li>the value of a field named like a secret ({@code private_key}, {@code password}, {@code
 *       token}, {@code secret}, {@code api_key}, {@code authorization}, {@code client_secret},
 *       anything ending in {@code _password}, {@code _token}, {@code _secret} or {@code _key} but a
 *       few harmless ones); where that value is an object, every text in it but names and file
 *       paths;
 *   <li>{@code inline_string} and {@code inline_bytes} under TLS or SDS configuration (a field
 *       whose name holds {@code tls}, {@code secret}, {@code sds}, {@code certificate} or {@code
 *       validation_context});
 *   <li>the {@code value} beside a {@code key}, {@code name} or {@code header} naming a secret
 *       (gRPC {@code initial_metadata}'s {@code authorization}, a header to add);
 *   <li>anywhere, a text that looks like a PEM block, a JSON Web Token, base64 of a PEM block, or a
 *       long base64 or random-looking secret.
 * </ul>
 *
 * <p>Envoy redacts private keys itself ({@code [redacted]}); this does not rely on it. Stateless
 * and thread-safe.
 */
public final class EnvoyConfigDump {
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(500).maxStringLength(8 << 20).build())
          .build();

  /** Fields whose value is a secret, by their lower-case name with dashes as underscores. */
  private static final Set<String> SECRET_FIELDS =
      Set.of(
          "private_key",
          "password",
          "passwd",
          "token",
          "secret",
          "api_key",
          "apikey",
          "authorization",
          "proxy_authorization",
          "client_secret",
          "access_key",
          "secret_key",
          "secret_access_key",
          "session_token",
          "access_token",
          "refresh_token",
          "id_token",
          "bearer_token",
          "hmac_secret",
          "signing_key",
          "session_ticket_keys",
          "credentials",
          "x_api_key");

  /** Fields ending like a secret's that are not secrets. */
  private static final Set<String> HARMLESS_FIELDS =
      Set.of(
          "hash_key",
          "cluster_key",
          "header_key",
          "metadata_key",
          "object_key",
          "key",
          "sort_key",
          "lookup_key",
          "cache_key",
          "descriptor_key",
          "filter_state_key",
          "stat_prefix_key");

  /** Fields inside a secret that name or locate it without giving it away. */
  private static final Set<String> SHOWN_IN_SECRETS =
      Set.of("name", "filename", "environment_variable", "@type", "sds_config", "version_info");

  private static final Pattern PEM = Pattern.compile("-----BEGIN [A-Z0-9 ]+-----");
  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
  private static final Pattern BASE64ISH = Pattern.compile("[A-Za-z0-9+/_-]{32,}={0,2}");

  private EnvoyConfigDump() {}

  /**
   * The dump in {@code in}, at most {@code maxBytes} of it.
   *
   * @throws IOException when it is not JSON, is cut short or is longer than {@code maxBytes}
   */
  public static ConfigTree read(InputStream in, long maxBytes) throws IOException {
    try (JsonParser p = JSON.createParser(new CappedInputStream(in, maxBytes))) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new UnreadableAnswerException("its /config_dump is empty", null);
      }
      return node(p, "", Context.PLAIN);
    } catch (JsonProcessingException e) {
      throw new UnreadableAnswerException("its /config_dump is not JSON", e);
    }
  }

  /** What the fields above a value say about it. */
  private enum Context {
    PLAIN,
    /** Under TLS or SDS configuration: inline data is key material or certificates. */
    TLS,
    /** Inside a secret's value: every text but names and paths is secret. */
    SECRET
  }

  /** The value at the parser's current token, under the field {@code key}. */
  private static ConfigTree node(JsonParser p, String key, Context context) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      List<ConfigTree> children = new ArrayList<>();
      String secretValueOf = null; // a "key": "authorization" seen: its "value" is a secret
      List<Integer> valueIndexes = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        ConfigTree child = node(p, field, inner(context, field));
        if ((field.equals("key") || field.equals("name") || field.equals("header"))
            && child.value().isPresent()
            && secretField(normal(child.value().get()))) {
          secretValueOf = field;
        }
        if (field.equals("value")) {
          valueIndexes.add(children.size());
        }
        children.add(child);
      }
      if (secretValueOf != null) {
        for (int i : valueIndexes) {
          children.set(i, ConfigTree.leaf("value", ConfigTree.REDACTED));
        }
      }
      return ConfigTree.branch(key, children);
    }
    if (t == JsonToken.START_ARRAY) {
      List<ConfigTree> children = new ArrayList<>();
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        children.add(node(p, "[" + i++ + "]", context));
      }
      return ConfigTree.branch(key, children);
    }
    String text = t == JsonToken.VALUE_NULL ? "null" : p.getText();
    return ConfigTree.leaf(key, secret(key, text, t, context) ? ConfigTree.REDACTED : text);
  }

  /** The context of field {@code field}'s value inside a value of context {@code outer}. */
  private static Context inner(Context outer, String field) {
    if (outer == Context.SECRET) {
      return Context.SECRET;
    }
    String n = normal(field);
    if (secretField(n)) {
      return Context.SECRET;
    }
    if (outer == Context.TLS
        || n.contains("tls")
        || n.contains("secret")
        || n.contains("sds")
        || n.contains("certificate")
        || n.contains("validation_context")) {
      return Context.TLS;
    }
    return Context.PLAIN;
  }

  /** Whether a scalar under field {@code key}, in {@code context}, must not be shown. */
  private static boolean secret(String key, String text, JsonToken t, Context context) {
    String n = normal(key);
    if (context == Context.SECRET) {
      // The secret's own field holding a scalar, or a text inside a secret's object.
      return secretField(n) || (t == JsonToken.VALUE_STRING && !SHOWN_IN_SECRETS.contains(n));
    }
    if (context == Context.TLS && (n.equals("inline_string") || n.equals("inline_bytes"))) {
      return true;
    }
    return t == JsonToken.VALUE_STRING && looksSecret(text);
  }

  static boolean secretField(String normalName) {
    if (SECRET_FIELDS.contains(normalName)) {
      return true;
    }
    if (HARMLESS_FIELDS.contains(normalName)) {
      return false;
    }
    return normalName.endsWith("_password")
        || normalName.endsWith("_token")
        || normalName.endsWith("_secret")
        || normalName.endsWith("_private_key")
        || normalName.endsWith("_api_key")
        || normalName.endsWith("_access_key");
  }

  /** A text that reads like key material or a credential wherever it stands. */
  static boolean looksSecret(String text) {
    if (text.length() < 16) {
      return false;
    }
    if (PEM.matcher(text).find() || JWT.matcher(text).find()) {
      return true;
    }
    if (!BASE64ISH.matcher(text).matches()) {
      return false;
    }
    if (text.startsWith("LS0tLS1CRUdJTi")) { // base64 of "-----BEGIN"
      return true;
    }
    // Long base64 or random text: upper, lower and digits mixed; a hex digest or a name is not.
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      digit |= c >= '0' && c <= '9';
    }
    return upper && lower && digit && decodesAsBase64(text);
  }

  private static boolean decodesAsBase64(String text) {
    try {
      Base64.getDecoder().decode(text);
      return true;
    } catch (IllegalArgumentException e) {
      try {
        Base64.getUrlDecoder().decode(text);
        return true;
      } catch (IllegalArgumentException notEither) {
        // Random-looking text of the base64 alphabet with the wrong length: still a credential.
        return text.length() >= 40;
      }
    }
  }

  private static String normal(String name) {
    return name.toLowerCase(Locale.ROOT).replace('-', '_');
  }

  /** Reads at most {@code max} bytes, and fails past them rather than cut a document short. */
  private static final class CappedInputStream extends InputStream {
    private final InputStream in;
    private long left;

    CappedInputStream(InputStream in, long max) {
      this.in = in;
      this.left = max;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        left -= n;
        if (left < 0) {
          throw new UnreadableAnswerException(
              "its /config_dump is larger than Sidescope reads", null);
        }
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
