package io.streamtune.it;

import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.ObjectiveSpec;
import io.streamtune.avro.StopDecision;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.schemas.Topic;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Malformed and hostile records for every input topic, as a careless or malicious client on a
 * shared cluster would write them: random bytes, truncated Avro, a wrong schema fingerprint, and
 * well-formed records with impossible values (NaN, negative or huge epochs and trial numbers,
 * unknown studies and trials, parameters out of range, forged stops). Seeded, so a failure repeats.
 *
 * <p>Records are keyed by a study id, so they land where the real study's would; none of them is a
 * valid spec or a tombstone of the real study, which a client allowed to write {@code studies}
 * could legitimately send.
 */
final class HostileRecords {

  /** The topics every service reads, in the order the fuzzer cycles through them. */
  static final Topic<?, ?>[] TOPICS = {
    Topics.STUDIES,
    Topics.TRIAL_REQUESTS,
    Topics.TRIAL_METRICS,
    Topics.TRIAL_CONTROL,
    Topics.TRIAL_RESULTS,
    Topics.TRIAL_CLAIMS
  };

  private final Random random;
  private final StudySpec real;

  HostileRecords(long seed, StudySpec real) {
    this.random = new Random(seed);
    this.real = real;
  }

  /** A hostile record for {@code topic}. */
  ProducerRecord<byte[], byte[]> next(Topic<?, ?> topic) {
    String study = random.nextInt(3) == 0 ? "ghost-" + random.nextInt(5) : real.getStudyId();
    byte[] key = utf8(topic == Topics.TRIAL_REQUESTS ? study + "-t" + random.nextInt(99) : study);
    byte[] value;
    switch (random.nextInt(topic == Topics.STUDIES ? 4 : 5)) {
      case 4 -> value = null; // a tombstone, on a topic where it means nothing
      case 0 -> value = bytes(random.nextInt(64));
      case 1 -> value = truncate(wellFormed(topic, study));
      case 2 -> value = refingerprint(wellFormed(topic, study));
      default -> value = wellFormed(topic, study);
    }
    return new ProducerRecord<>(topic.name(), key, value);
  }

  private byte[] wellFormed(Topic<?, ?> topic, String study) {
    if (topic == Topics.STUDIES) {
      return encode(Topics.STUDIES, impossibleSpec(study));
    } else if (topic == Topics.TRIAL_REQUESTS) {
      return encode(Topics.TRIAL_REQUESTS, request(study));
    } else if (topic == Topics.TRIAL_METRICS) {
      return encode(Topics.TRIAL_METRICS, metric(study));
    } else if (topic == Topics.TRIAL_CONTROL) {
      return encode(Topics.TRIAL_CONTROL, stop(study));
    } else if (topic == Topics.TRIAL_RESULTS) {
      return encode(Topics.TRIAL_RESULTS, result(study));
    }
    return encode(Topics.TRIAL_CLAIMS, claim(study));
  }

  /** A spec no validation lets through: under the real id too, where it is another study. */
  private StudySpec impossibleSpec(String study) {
    StudySpec s = StudySpec.newBuilder(real).setStudyId(study).build();
    switch (random.nextInt(5)) {
      case 0 -> s.setNTrials(-random.nextInt(100));
      case 1 -> s.setParallelism(0);
      case 2 -> s.setMaxEpochs(1_000_000);
      case 3 -> s.setParallelism(20_000);
      default -> s.getObjective().setName("no-such-objective-" + random.nextInt(9));
    }
    return s;
  }

  private int trialNumber() {
    return switch (random.nextInt(3)) {
      case 0 -> -1 - random.nextInt(10);
      case 1 -> 1_000_000 + random.nextInt(1000);
      default -> random.nextInt(real.getNTrials());
    };
  }

  private Map<String, Object> params() {
    double x1 = random.nextBoolean() ? 1e9 : Double.NaN;
    return Map.of("x1", x1, "x2", random.nextDouble() * 15);
  }

  private TrialRequest request(String study) {
    int n = trialNumber();
    return TrialRequest.newBuilder()
        .setStudyId(study)
        .setTrialId(study + "-t" + n)
        .setTrialNumber(n)
        .setParams(random.nextBoolean() ? params() : Map.of("x1", 1.0, "x2", 2.0))
        .setObjective(
            random.nextBoolean()
                ? real.getObjective()
                : ObjectiveSpec.newBuilder()
                    .setName("command")
                    .setOptions(Map.of("cmd", "touch pwned"))
                    .build())
        .setMetric(real.getMetric())
        .setMaxEpochs(random.nextBoolean() ? real.getMaxEpochs() : 1_000_000)
        .setAttempt(random.nextInt(5) - 2)
        .build();
  }

  private EpochMetric metric(String study) {
    int[] epochs = {0, -5, 1_000_000, real.getMaxEpochs() + 1, 1};
    return EpochMetric.newBuilder()
        .setStudyId(study)
        .setTrialId(study + "-t" + trialNumber())
        .setAttempt(random.nextInt(3) == 0 ? 1_000_000 : 1)
        .setEpoch(epochs[random.nextInt(epochs.length)])
        .setValue(random.nextBoolean() ? Double.NaN : -1e308)
        .setMaxEpochs(random.nextBoolean() ? 1_000_000 : real.getMaxEpochs())
        .build();
  }

  private StopDecision stop(String study) {
    return StopDecision.newBuilder()
        .setStudyId(study)
        .setTrialId(study + "-t" + trialNumber())
        .setAttempt(1)
        .setRule(random.nextBoolean() ? "median" : "asha")
        .setStep(random.nextInt(5))
        .setValue(1)
        .setThreshold(0)
        .setReason("forged")
        .build();
  }

  private TrialResult result(String study) {
    int n = trialNumber();
    return TrialResult.newBuilder()
        .setStudyId(study)
        .setTrialId(study + "-t" + String.format(Locale.ROOT, "%04d", Math.abs(n) % 10_000_000))
        .setTrialNumber(n)
        .setAttempt(random.nextInt(4))
        .setParams(params())
        .setStatus(TrialStatus.COMPLETED)
        .setValue(random.nextBoolean() ? Double.NaN : -1e300)
        .setEpochsRun(random.nextInt(3) == 0 ? 1_000_000 : 1)
        .setMaxEpochs(real.getMaxEpochs())
        .build();
  }

  private TrialClaim claim(String study) {
    int n = trialNumber();
    return TrialClaim.newBuilder()
        .setStudyId(study)
        .setTrialId(study + "-t" + String.format(Locale.ROOT, "%04d", Math.abs(n) % 10_000_000))
        .setTrialNumber(n)
        .setAttempt(50 + random.nextInt(50))
        .setEvent(ClaimEvent.values()[random.nextInt(3)])
        .setWorker("mallory")
        .build();
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private byte[] truncate(byte[] valid) {
    return Arrays.copyOf(valid, random.nextInt(Math.max(1, valid.length - 1)));
  }

  /** The same body under a fingerprint no StreamTune build has written. */
  private byte[] refingerprint(byte[] valid) {
    byte[] out = valid.clone();
    out[2 + random.nextInt(8)] ^= (byte) (1 + random.nextInt(255));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <V> byte[] encode(Topic<String, V> topic, Object value) {
    return topic.valueSerde().serializer().serialize(topic.name(), (V) value);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
