package dev.sidescope.samples.kubernetes;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The name/value header blocks of one SPDY/3 connection: each direction is one zlib stream that
 * runs across all of the connection's blocks, primed with the dictionary SPDY/3 defines, so a
 * connection has one of these and uses it for every SYN_STREAM it reads and SYN_REPLY it writes.
 *
 * <p>Not thread-safe: used by the one event-loop thread of its connection.
 */
final class SpdyHeaderBlocks {
  /**
   * The header compression dictionary of SPDY/3 (draft 3, section 2.6.10.1): these words, each
   * after its length as four big-endian bytes, then {@link #DICTIONARY_TAIL} as it stands.
   */
  private static final List<String> DICTIONARY_WORDS =
      List.of(
          "options",
          "head",
          "post",
          "put",
          "delete",
          "trace",
          "accept",
          "accept-charset",
          "accept-encoding",
          "accept-language",
          "accept-ranges",
          "age",
          "allow",
          "authorization",
          "cache-control",
          "connection",
          "content-base",
          "content-encoding",
          "content-language",
          "content-length",
          "content-location",
          "content-md5",
          "content-range",
          "content-type",
          "date",
          "etag",
          "expect",
          "expires",
          "from",
          "host",
          "if-match",
          "if-modified-since",
          "if-none-match",
          "if-range",
          "if-unmodified-since",
          "last-modified",
          "location",
          "max-forwards",
          "pragma",
          "proxy-authenticate",
          "proxy-authorization",
          "range",
          "referer",
          "retry-after",
          "server",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "user-agent",
          "vary",
          "via",
          "warning",
          "www-authenticate",
          "method",
          "get",
          "status",
          "200 OK",
          "version",
          "HTTP/1.1",
          "url",
          "public",
          "set-cookie",
          "keep-alive",
          "origin");

  private static final String DICTIONARY_TAIL =
      "100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505"
          + "203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request"
          + "401 Unauthorized403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented"
          + "503 Service UnavailableJan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon,"
          + " Tue, Wed, Thu, Fri, Sat, Sun, GMTchunked,text/html,image/png,image/jpg,image/gif,"
          + "application/xml,application/xhtml+xml,text/plain,text/javascript,publicprivate"
          + "max-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.";

  static final byte[] DICTIONARY = dictionary();

  private final Inflater inflater = new Inflater();
  private final Deflater deflater = new Deflater();

  SpdyHeaderBlocks() {
    deflater.setDictionary(DICTIONARY);
  }

  /**
   * The headers of one compressed block, names in lower case; a name given twice keeps its last
   * value (Kubernetes' port-forward headers have one value each).
   *
   * @throws IllegalArgumentException when the block is not a SPDY/3 header block
   */
  Map<String, String> read(Buffer compressed) {
    byte[] plain = inflate(compressed.getBytes());
    Buffer block = Buffer.buffer(plain);
    try {
      int pairs = block.getInt(0);
      int at = 4;
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 0; i < pairs; i++) {
        int nameLength = block.getInt(at);
        String name = block.getString(at + 4, at + 4 + nameLength, "UTF-8");
        at += 4 + nameLength;
        int valueLength = block.getInt(at);
        String value = block.getString(at + 4, at + 4 + valueLength, "UTF-8");
        at += 4 + valueLength;
        headers.put(name.toLowerCase(Locale.ROOT), value);
      }
      return headers;
    } catch (IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("a SPDY header block ends before its last header", e);
    }
  }

  /** {@code headers} as the next compressed block of this connection's outgoing stream. */
  Buffer write(Map<String, String> headers) {
    Buffer block = Buffer.buffer().appendInt(headers.size());
    headers.forEach(
        (name, value) -> {
          byte[] n = name.getBytes(StandardCharsets.UTF_8);
          byte[] v = value.getBytes(StandardCharsets.UTF_8);
          block.appendInt(n.length).appendBytes(n).appendInt(v.length).appendBytes(v);
        });
    deflater.setInput(block.getBytes());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[256];
    int written;
    do {
      written = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
      out.write(chunk, 0, written);
    } while (written == chunk.length);
    return Buffer.buffer(out.toByteArray());
  }

  private byte[] inflate(byte[] compressed) {
    inflater.setInput(compressed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[1024];
    try {
      while (true) {
        int read = inflater.inflate(chunk);
        if (read > 0) {
          out.write(chunk, 0, read);
        } else if (inflater.needsDictionary()) {
          inflater.setDictionary(DICTIONARY);
        } else if (inflater.needsInput() || inflater.finished()) {
          return out.toByteArray();
        }
      }
    } catch (DataFormatException e) {
      throw new IllegalArgumentException(
          "a SPDY header block is not zlib data: " + e.getMessage(), e);
    }
  }

  private static byte[] dictionary() {
    Buffer d = Buffer.buffer();
    for (String word : DICTIONARY_WORDS) {
      byte[] bytes = word.getBytes(StandardCharsets.US_ASCII);
      d.appendInt(bytes.length).appendBytes(bytes);
    }
    return d.appendString(DICTIONARY_TAIL, "US-ASCII").getBytes();
  }
}
