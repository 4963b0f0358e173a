/**
 * How a study looks in a terminal: its live progress, its trial table and the list of studies, each
 * rendered as plain lines that fit a given width (pure, so tests can pin them at 80 and 160
 * columns), and {@link io.streamtune.console.LiveDisplay}, which redraws lines in place on a real
 * terminal through JLine.
 */
package io.streamtune.console;
