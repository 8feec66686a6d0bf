package dev.sidescope.views.console;

import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.Theme;
import java.util.Set;

/**
 * What the picture shows now: the laid-out picture, in a theme, with what find and dead sources
 * dim, what "hide non-matching" hides, and what find highlights.
 *
 * @param dimmed drawn faint: what find does not match, and the part of a dead source
 * @param hidden not drawn: what find does not match, while "hide non-matching" is on, but for what
 *     the matched nodes' arrows lead to ({@link dev.sidescope.views.picture.HiddenByFind})
 * @param highlighted what find matches; empty with no query
 */
public record Drawing(
    LaidOutPicture picture,
    Theme theme,
    Set<String> dimmed,
    Set<String> hidden,
    Set<String> highlighted) {
  public Drawing {
    dimmed = Set.copyOf(dimmed);
    hidden = Set.copyOf(hidden);
    highlighted = Set.copyOf(highlighted);
  }
}
