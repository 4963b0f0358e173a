package io.streamtune.optimizer.space;

/**
 * The wording of {@link Dimension#check} reasons, shared by the three dimensions so that the
 * optimizer and the spec parser (which reports the same reasons under a field path) read alike.
 */
final class ValueMessages {

  private ValueMessages() {}

  /** {@code "must be <what> but was '<value>' (<type>)"}: the type tells a Java caller why. */
  static String wrongType(String what, Object value) {
    return "must be "
        + what
        + " but was "
        + (value == null ? "null" : "'" + value + "' (" + value.getClass().getSimpleName() + ")");
  }

  static String outOfRange(Object low, Object high, Object value) {
    return "must be in [" + low + ", " + high + "] but was " + value;
  }
}
