package dev.sidescope.views;

/**
 * Puts text on the clipboard. The console's default uses the system clipboard; tests put their own
 * in {@link ConsoleOptions}. Called on the FX thread.
 */
@FunctionalInterface
public interface TextClipboard {
  void put(String text);
}
