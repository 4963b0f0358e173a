package io.streamtune.spec;

import io.streamtune.avro.StudySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * When two specs with one study id are the same study. A study id names one study for its whole
 * life: a spec that differs in anything that decides which trials run, or how, is another study,
 * which services refuse under a running id. Two fields do not count: {@code submitted_at} (a
 * retried submit is the same study) and {@code cancel} (a study is cancelled and resumed by
 * republishing its own spec with only that field changed).
 *
 * <p>Every other field counts, including fields added to the schema later: the comparison walks the
 * schema rather than a list of getters, so a new field cannot be forgotten here.
 */
public final class StudyIdentity {

  /** The fields of a spec that do not make it another study. */
  public static final Set<String> NOT_IDENTITY = Set.of("submitted_at", "cancel");

  private StudyIdentity() {}

  /** Whether {@code a} and {@code b} describe the same study. */
  public static boolean sameStudy(StudySpec a, StudySpec b) {
    return differences(a, b).isEmpty();
  }

  /** The names of the fields, in schema order, that make {@code a} and {@code b} two studies. */
  public static List<String> differences(StudySpec a, StudySpec b) {
    List<String> out = new ArrayList<>();
    for (Schema.Field f : StudySpec.getClassSchema().getFields()) {
      if (!NOT_IDENTITY.contains(f.name()) && !Objects.equals(a.get(f.pos()), b.get(f.pos()))) {
        out.add(f.name());
      }
    }
    return out;
  }
}
