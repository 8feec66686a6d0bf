/** The console's settings file and the operating system's light or dark preference. */
package dev.sidescope.views.settings;
