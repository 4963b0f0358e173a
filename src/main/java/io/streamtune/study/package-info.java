/**
 * A study as Kafka holds it, rebuilt by whoever asks: {@link io.streamtune.study.StudyView} folds
 * the study's records (its spec, its status, the suggester's accepted results and requests,
 * trainers' claims and per-epoch metrics) into trials, and {@link io.streamtune.study.StudyFeed}
 * reads them from the study's partitions. No service needs to be up for it, and nothing here
 * writes.
 */
package io.streamtune.study;
