package io.streamtune.monitor;

import java.time.Duration;
import java.util.Arrays;
import org.slf4j.Logger;

/**
 * At most {@code perWindow} warnings per window of wall-clock time, shared by every task of one
 * topology. A client that writes bad records in bulk must not flood the log; past the budget a
 * warning goes to debug, and the next one let through says how many were held back.
 */
final class LogBudget {

  private final int perWindow;
  private final long windowMillis;
  private long windowStart = Long.MIN_VALUE;
  private int used;
  private long heldBack;

  LogBudget(int perWindow, Duration window) {
    if (perWindow < 1) {
      throw new IllegalArgumentException("perWindow must be >= 1 but was " + perWindow);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be > 0 but was " + window);
    }
    this.perWindow = perWindow;
    this.windowMillis = window.toMillis();
  }

  /**
   * -1 when the budget of the window around {@code nowMillis} is spent (the warning is then held
   * back), otherwise how many warnings were held back since the last one let through.
   */
  synchronized long admit(long nowMillis) {
    if (windowStart == Long.MIN_VALUE || nowMillis - windowStart >= windowMillis) {
      windowStart = nowMillis;
      used = 0;
    }
    if (used >= perWindow) {
      heldBack++;
      return -1;
    }
    used++;
    long held = heldBack;
    heldBack = 0;
    return held;
  }

  /** Logs {@code format} at warn if the budget allows, otherwise at debug. */
  void warn(Logger log, long nowMillis, String format, Object... args) {
    long held = admit(nowMillis);
    if (held < 0) {
      log.debug(format, args);
      return;
    }
    Object[] withHeld = Arrays.copyOf(args, args.length + 1);
    withHeld[args.length] = held;
    log.warn(format + " ({} similar warnings held back before this one)", withHeld);
  }
}
