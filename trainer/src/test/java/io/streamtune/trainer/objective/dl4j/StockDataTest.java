package io.streamtune.trainer.objective.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StockDataTest {

  @Test
  void shouldBuildWindowsAndScaleOnTrainingRowsOnlyWhenSplittingChronologically() {
    // Given 3 zero-volume rows (dropped), then 20 rows with close = 10..29 and volume = 100·close
    double[] close = new double[23];
    double[] volume = new double[23];
    for (int i = 0; i < 20; i++) {
      close[i + 3] = 10 + i;
      volume[i + 3] = 100 * (10 + i);
    }

    // When: 3-day windows -> 17 windows, 20 % validation and 10 % test
    StockData.Parts parts = StockData.windows(close, volume, 3, 0, 0.2, 0.1);

    // Then: 12 / 3 / 2 windows; scaling fitted on the 12 + 3 training rows (close 10..24)
    assertThat(parts.train().size()).isEqualTo(12);
    assertThat(parts.validation().size()).isEqualTo(3);
    assertThat(parts.test().size()).isEqualTo(2);
    assertThat(parts.min()).containsExactly(10, 1000);
    assertThat(parts.range()).containsExactly(14, 1400);
    // the first training label is day 3 (close 13) -> (13 - 10) / 14
    assertThat(parts.train().labels()[0]).isEqualTo((float) (3 / 14.0));
    // the last test label is close 29, beyond the training range
    assertThat(parts.test().labels()[2]).isEqualTo((float) (19 / 14.0));
  }

  @Test
  void shouldKeepTheMostRecentRowsWhenRowsIsSet() {
    double[] close = new double[100];
    double[] volume = new double[100];
    for (int i = 0; i < 100; i++) {
      close[i] = i;
      volume[i] = 1 + i;
    }

    StockData.Parts parts = StockData.windows(close, volume, 2, 40, 0.1, 0.1);

    assertThat(parts.min()[0]).isEqualTo(60);
    assertThat(parts.train().size() + parts.validation().size() + parts.test().size())
        .isEqualTo(38);
  }

  @Test
  void shouldForecastEachWindowsLastDayWhenPersistenceIsAsked() {
    // Given close = 10..29 (step 1) and volume = 100·close, 3-day windows
    double[] close = new double[20];
    double[] volume = new double[20];
    for (int i = 0; i < 20; i++) {
      close[i] = 10 + i;
      volume[i] = 100 * (10 + i);
    }
    StockData.Parts parts = StockData.windows(close, volume, 3, 0, 0.2, 0.1);

    // When
    float[] forecast = StockData.persistence(parts.validation());

    // Then each forecast is one day behind its label: off by one index point, i.e. 1 / range scaled
    float[] labels = parts.validation().labels();
    assertThat(forecast).hasSameSizeAs(labels);
    assertThat(forecast[0]).isEqualTo(labels[0] - (float) (1 / parts.range()[0]), within(1e-6f));
    assertThat(Metrics.rmse(forecast, labels, 2, 0) * parts.range()[0])
        .isCloseTo(1.0, within(1e-5));
    assertThat(Metrics.rmse(forecast, labels, 2, 1) * parts.range()[1])
        .isCloseTo(100.0, within(1e-3));
  }

  @Test
  void shouldLabelWindowsWithTheDayOverDayChangeWhenChangesAreAsked() {
    double[] close = new double[20];
    double[] volume = new double[20];
    for (int i = 0; i < 20; i++) {
      close[i] = 10 + i * i;
      volume[i] = 1000 - i;
    }
    Examples train = StockData.windows(close, volume, 3, 0, 0.2, 0.1).train();

    Examples changes = StockData.changes(train);

    // the features are untouched; label + last day = the level label
    assertThat(changes.features()).isSameAs(train.features());
    float[] last = StockData.persistence(train);
    for (int i = 0; i < changes.labels().length; i++) {
      assertThat(changes.labels()[i] + last[i]).isCloseTo(train.labels()[i], within(1e-6f));
    }
  }
}
