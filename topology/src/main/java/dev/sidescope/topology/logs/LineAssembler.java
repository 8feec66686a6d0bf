package dev.sidescope.topology.logs;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Splits a stream of bytes into safe lines ({@link SafeLogText}): each {@code \n} ends a line (a
 * {@code \r} before it is dropped), and a line's bytes beyond {@value SafeLogText#MAX_BYTES} are
 * counted, not kept, so one endless line never holds more than that.
 *
 * <p>Not thread-safe: one reader feeds it.
 */
public final class LineAssembler {
  private final Consumer<String> lines;
  private byte[] buffer = new byte[1024];
  private int size;
  private long cut;

  /** An assembler handing each complete line to {@code lines}, on the feeding thread. */
  public LineAssembler(Consumer<String> lines) {
    this.lines = Objects.requireNonNull(lines, "lines");
  }

  /** Takes the next bytes of the stream; calls {@code lines} for every line they complete. */
  public void feed(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int start = offset;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == '\n') {
        keep(bytes, start, i - start);
        emit();
        start = i + 1;
      }
    }
    keep(bytes, start, end - start);
  }

  /** Ends the stream: a last line without a newline is handed on. */
  public void finish() {
    if (size > 0 || cut > 0) {
      emit();
    }
  }

  private void keep(byte[] bytes, int offset, int length) {
    int room = SafeLogText.MAX_BYTES - size;
    int taken = Math.min(room, length);
    if (taken > 0) {
      if (size + taken > buffer.length) {
        buffer =
            Arrays.copyOf(
                buffer, Math.min(SafeLogText.MAX_BYTES, Math.max(size + taken, buffer.length * 2)));
      }
      System.arraycopy(bytes, offset, buffer, size, taken);
      size += taken;
    }
    cut += length - taken;
  }

  private void emit() {
    int length = size;
    if (cut == 0 && length > 0 && buffer[length - 1] == '\r') {
      length--;
    }
    String line = SafeLogText.line(buffer, 0, length);
    lines.accept(cut > 0 ? line + SafeLogText.cutMarker(cut) : line);
    size = 0;
    cut = 0;
    if (buffer.length > 64 * 1024 / 4) {
      buffer = new byte[1024];
    }
  }
}
