/**
 * The console's rules and state, without JavaFX, tested with plain JUnit: for now which part of the
 * picture a dead source greys.
 */
package dev.sidescope.views.console;
