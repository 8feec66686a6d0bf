package dev.sidescope.views.picture;

/** A point in layout units, y pointing down. */
public record Point(double x, double y) {}
