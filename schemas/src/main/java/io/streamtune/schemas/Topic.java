package io.streamtune.schemas;

import org.apache.kafka.common.serialization.Serde;

/**
 * An immutable, typed topic descriptor: the name, how keys and values are encoded, and how the
 * topic is created.
 *
 * @param compacted whether the topic keeps only the latest record per key
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {}
