package io.streamtune.suggester;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestSlotsTest {

  @Test
  void shouldSpreadFirstTrialsOverDistinctPartitionsWhenTheStudyStarts() {
    // Given three request partitions, one per trainer
    RequestSlots slots = new RequestSlots(3);
    // When three trials are requested
    // Then each goes to its own partition
    assertThat(slots.assign("s", "t0")).isEqualTo(0);
    assertThat(slots.assign("s", "t1")).isEqualTo(1);
    assertThat(slots.assign("s", "t2")).isEqualTo(2);
  }

  @Test
  void shouldReuseTheFreedPartitionWhenATrialFinishes() {
    // Given three trials in flight
    RequestSlots slots = new RequestSlots(3);
    slots.assign("s", "t0");
    slots.assign("s", "t1");
    slots.assign("s", "t2");
    // When the trial on partition 1 finishes
    slots.release("s", "t1");
    // Then the next trial goes to partition 1, whose trainer just became free
    assertThat(slots.assign("s", "t3")).isEqualTo(1);
  }

  @Test
  void shouldLeaveTheChoiceToTheProducerWhenThePartitionCountIsUnknown() {
    assertThat(new RequestSlots(0).assign("s", "t0")).isNull();
  }

  @Test
  void shouldStillAssignAPartitionWhenMoreTrialsAreInFlightThanPartitions() {
    RequestSlots slots = new RequestSlots(1);
    slots.assign("s", "t0");
    assertThat(slots.assign("s", "t1")).isEqualTo(0);
  }
}
