package dev.sidescope.views.picture;

import dev.sidescope.topology.picture.PictureEdge;

/** Names an arrow of a picture: its endpoints and kind are unique within one picture. */
public final class EdgeKey {
  private EdgeKey() {}

  public static String of(PictureEdge edge) {
    return edge.from() + " -> " + edge.to() + " [" + edge.kind().wireName() + "]";
  }
}
