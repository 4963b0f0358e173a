package io.streamtune.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Trial ids as the suggester's {@code StudyBook.trialId} writes them: {@code
 * String.format("%s-t%04d", study, n)}; the examples below are that format's output, pinned here
 * because the monitor does not depend on the suggester.
 */
class TrialIdsTest {

  @ParameterizedTest(name = "{1} in {0} is {2}")
  @CsvSource({
    "st, st-t0000, 0",
    "st, st-t0049, 49",
    "st, st-t12345, 12345",
    "st, st-t2147483647, 2147483647",
    "st-t0001, st-t0001-t0002, 2",
    "a.b_c-d, a.b_c-d-t0007, 7",
  })
  void shouldReadTheNumberWhenTheIdIsTheSuggesters(String study, String trial, int number) {
    assertThat(TrialIds.number(study, trial)).isEqualTo(number);
  }

  @ParameterizedTest(name = "{1} in {0}")
  @CsvSource({
    "st, st-t001",
    "st, st-t00001",
    "st, st-t012345",
    "st, st-t2147483648",
    "st, st-t9999999999",
    "st, st-t-001",
    "st, st-t00a1",
    "st, st-t\u0661\u0662\u0663\u0664",
    "st, 'st-t0001 '",
    "st, st.x-t0001",
    "st, other-t0001",
    "st, st-0001",
    "st, st-t",
    "st-t0001, st-t0002",
    "st, bad",
  })
  void shouldRefuseTheIdWhenTheSuggesterCouldNotHaveWrittenItForThatStudy(
      String study, String trial) {
    assertThat(TrialIds.number(study, trial)).isEqualTo(-1);
  }
}
