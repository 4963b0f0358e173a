package io.streamtune.monitor;

import java.util.Locale;

/**
 * Trial ids as the suggester issues them ({@code StudyBook.trialId}: the study id, {@code -t}, and
 * the trial number in at least four digits). The format is read here rather than imported, because
 * the monitor does not depend on the suggester; a test pins the examples.
 */
final class TrialIds {

  private TrialIds() {}

  /**
   * The trial number in {@code trialId} if it is exactly what the suggester would have written for
   * that number in study {@code studyId}, or -1. Only the canonical spelling counts ({@code t0007},
   * not {@code t007} or {@code t00007}), so that one trial cannot be stored under two keys.
   */
  static int number(String studyId, String trialId) {
    String prefix = studyId + "-t";
    if (trialId == null || !trialId.startsWith(prefix)) {
      return -1;
    }
    String digits = trialId.substring(prefix.length());
    // Ten digits hold every int; the check also keeps Long.parseLong from seeing non-ASCII digits.
    if (digits.length() < 4 || digits.length() > 10 || !asciiDigits(digits)) {
      return -1;
    }
    long n = Long.parseLong(digits);
    if (n > Integer.MAX_VALUE || !String.format(Locale.ROOT, "%04d", n).equals(digits)) {
      return -1;
    }
    return (int) n;
  }

  private static boolean asciiDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
