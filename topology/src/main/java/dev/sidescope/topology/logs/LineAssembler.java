package dev.sidescope.topology.logs;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Splits one stream's bytes into lines, each made safe by {@link SafeLogText}.
 *
 * <p>Bytes come in chunks of any size, cut anywhere (inside a multi-byte character, between {@code
 * \r} and {@code \n}); a line ends at {@code \n}, and a {@code \r} before it is dropped. No more
 * than {@link SafeLogText#MAX_LINE_BYTES} of one line is ever held: of a longer line the first part
 * is kept and the rest only counted, and the line is given out cut, with a marker, when its newline
 * comes. So a container that writes a line of a gigabyte costs 64 KiB.
 *
 * <p>Not thread-safe: one per stream, fed by the one thread that reads it.
 */
public final class LineAssembler {
  private static final int INITIAL_CAPACITY = 256;

  /** A buffer grown past this for one long line is let go once that line is out. */
  private static final int KEPT_CAPACITY = 8 * 1024;

  private final Consumer<String> lines;
  private byte[] held = new byte[INITIAL_CAPACITY];
  private int heldLength;
  private long lineLength;
  private boolean endsWithCr;

  /** Lines go to {@code lines}, on the thread that calls {@link #feed} or {@link #finish}. */
  public LineAssembler(Consumer<String> lines) {
    this.lines = Objects.requireNonNull(lines, "lines");
  }

  /** Takes {@code length} bytes of {@code bytes} from {@code offset}; gives out each line ended. */
  public void feed(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    int end = offset + length;
    int start = offset;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == '\n') {
        append(bytes, start, i - start);
        emit();
        start = i + 1;
      }
    }
    append(bytes, start, end - start);
  }

  /** Gives out the last line when the stream ended without a newline after it. */
  public void finish() {
    if (lineLength > 0) {
      emit();
    }
  }

  private void append(byte[] bytes, int from, int length) {
    if (length == 0) {
      return;
    }
    int room = SafeLogText.MAX_LINE_BYTES - heldLength;
    int take = Math.min(room, length);
    if (take > 0) {
      if (heldLength + take > held.length) {
        int capacity = Math.max(held.length * 2, heldLength + take);
        held = Arrays.copyOf(held, Math.min(capacity, SafeLogText.MAX_LINE_BYTES));
      }
      System.arraycopy(bytes, from, held, heldLength, take);
      heldLength += take;
    }
    lineLength += length;
    endsWithCr = bytes[from + length - 1] == '\r';
  }

  private void emit() {
    long content = lineLength - (endsWithCr ? 1 : 0);
    String line =
        content <= SafeLogText.MAX_LINE_BYTES
            ? SafeLogText.line(held, 0, (int) content)
            : SafeLogText.cut(held, 0, heldLength, content);
    heldLength = 0;
    lineLength = 0;
    endsWithCr = false;
    if (held.length > KEPT_CAPACITY) {
      held = new byte[INITIAL_CAPACITY];
    }
    lines.accept(line);
  }
}
