package io.streamtune.schemas;

import io.streamtune.avro.AlgorithmSpec;
import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.Dimension;
import io.streamtune.avro.DimensionType;
import io.streamtune.avro.Direction;
import io.streamtune.avro.EarlyStopSpec;
import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.MetricSpec;
import io.streamtune.avro.ModelSnapshot;
import io.streamtune.avro.ObjectiveSpec;
import io.streamtune.avro.Prior;
import io.streamtune.avro.StopDecision;
import io.streamtune.avro.StoppingSpec;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.StudyState;
import io.streamtune.avro.StudyStatus;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record using Avro single-object encoding: a two-byte marker, the
 * 8-byte CRC-64-AVRO fingerprint of the writer schema, then the binary body. No schema registry is
 * needed; a record written with an unknown schema fails with a message that names the fingerprint.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  static {
    // Avro 1.12 refuses to instantiate classes outside an allow-list when decoding; our generated
    // records must be on it, alongside Avro's defaults.
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            ClassSecurityValidator.getGlobal(),
            trusted(
                StudySpec.class,
                AlgorithmSpec.class,
                StoppingSpec.class,
                EarlyStopSpec.class,
                CancelRequest.class,
                ObjectiveSpec.class,
                MetricSpec.class,
                Dimension.class,
                DimensionType.class,
                Prior.class,
                Direction.class,
                TrialStatus.class,
                TrialRequest.class,
                EpochMetric.class,
                StopDecision.class,
                TrialResult.class,
                SuggesterState.class,
                ModelSnapshot.class,
                TrialClaim.class,
                ClaimEvent.class,
                StudyStatus.class,
                StudyState.class)));
  }

  private static ClassSecurityValidator.ClassSecurityPredicate trusted(Class<?>... classes) {
    ClassSecurityValidator.Builder b = ClassSecurityValidator.builder();
    for (Class<?> c : classes) {
      b.add(c);
    }
    return b.build();
  }

  private final Class<T> type;
  private final Schema schema;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private AvroSerde(Class<T> type) {
    this.type = type;
    this.schema = SpecificData.get().getSchema(type);
    this.encoder = new BinaryMessageEncoder<>(SpecificData.get(), schema);
    this.decoder = new BinaryMessageDecoder<>(SpecificData.get(), schema);
  }

  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    return new AvroSerde<>(type);
  }

  /** Makes records written with an older (or newer) compatible schema readable by this serde. */
  public AvroSerde<T> addReaderCompatible(Schema writerSchema) {
    decoder.addSchema(writerSchema);
    return this;
  }

  /** The writer schema: the generated record's. */
  public Schema schema() {
    return schema;
  }

  public long fingerprint() {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  public byte[] toBytes(T record) {
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  public T fromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return decoder.decode(bytes);
    } catch (MissingSchemaException e) {
      throw new SerializationException(
          String.format(
              "Unknown schema fingerprint %s for %s (this build knows %s). The record was written by an "
                  + "incompatible or newer StreamTune version.",
              fingerprintOf(bytes), type.getSimpleName(), hex(fingerprint())),
          e);
    } catch (BadHeaderException e) {
      throw new SerializationException(
          "Not an Avro single-object record for " + type.getSimpleName() + ": " + e.getMessage(),
          e);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private static String fingerprintOf(byte[] bytes) {
    if (bytes.length < 10) {
      return "(truncated header)";
    }
    long fp = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    return hex(fp);
  }

  private static String hex(long fingerprint) {
    return String.format(Locale.ROOT, "0x%016x", fingerprint);
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, record) -> record == null ? null : toBytes(record);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> fromBytes(bytes);
  }
}
