package io.streamtune.trainer;

/**
 * What the trainer group knows about a request's earlier attempts, kept as the metadata of the
 * committed offset that points at the request (so nothing is consumed while a trial runs).
 *
 * <p>Format: {@code attempt=N;lost=L} while attempt N runs, and {@code attempt=N;lost=L;released}
 * once its trainer gave it back cleanly (a rebalance moved the partition, or the trainer shut
 * down). L counts the earlier attempts that ended with neither a result nor a release, which is
 * what a trainer killed mid-trial leaves behind. Only those count against the attempt limit: a
 * trial that keeps crashing its JVM must end, but a trial moved by scaling the group must not be
 * failed for it.
 *
 * @param attempt this attempt's number, 1 for the first
 * @param lost earlier attempts that ended without a result or a release
 */
public record AttemptLedger(int attempt, int lost) {

  private static final String ATTEMPT = "attempt=";
  private static final String LOST = "lost=";
  private static final String RELEASED = "released";

  public static final AttemptLedger FIRST = new AttemptLedger(1, 0);

  /**
   * The ledger for a new claim, given the committed metadata at the request's own offset ({@code
   * null} when the committed offset is elsewhere, so nobody claimed this request before).
   */
  public static AttemptLedger next(String previous) {
    if (previous == null || !previous.startsWith(ATTEMPT)) {
      return FIRST;
    }
    int attempt = 0;
    int lost = -1;
    boolean released = false;
    try {
      for (String part : previous.split(";")) {
        if (part.startsWith(ATTEMPT)) {
          attempt = Integer.parseInt(part.substring(ATTEMPT.length()));
        } else if (part.startsWith(LOST)) {
          lost = Integer.parseInt(part.substring(LOST.length()));
        } else if (part.equals(RELEASED)) {
          released = true;
        }
      }
    } catch (NumberFormatException e) {
      return FIRST;
    }
    if (attempt < 1) {
      return FIRST;
    }
    if (lost < 0) {
      lost =
          attempt
              - 1; // written by a trainer that kept no count: assume every earlier attempt was lost
    }
    return new AttemptLedger(attempt + 1, released ? lost : lost + 1);
  }

  /** The metadata to commit when this attempt starts. */
  public String claimed() {
    return ATTEMPT + attempt + ";" + LOST + lost;
  }

  /** The metadata to commit when this attempt is given back without a result. */
  public String released() {
    return claimed() + ";" + RELEASED;
  }
}
