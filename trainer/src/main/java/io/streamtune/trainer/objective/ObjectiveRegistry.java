package io.streamtune.trainer.objective;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Objectives a trainer can run, by the name a study spec uses. The built-in ones are listed by
 * {@code io.streamtune.trainer.BuiltinObjectives}; tests register their own.
 */
public final class ObjectiveRegistry {

  private final Map<String, Supplier<Objective>> factories = new LinkedHashMap<>();

  public ObjectiveRegistry register(String name, Supplier<Objective> factory) {
    factories.put(name, factory);
    return this;
  }

  public Set<String> names() {
    return factories.keySet();
  }

  public Objective create(String name) {
    Supplier<Objective> f = factories.get(name);
    if (f == null) {
      throw new IllegalArgumentException(
          "unknown objective '" + name + "'; this trainer knows " + names());
    }
    return f.get();
  }
}
