/**
 * The study report: what each chart of {@code streamtune report} shows, computed in plain Java from
 * a study's results, then rendered into one self-contained HTML page.
 *
 * <h2>Parts</h2>
 *
 * <ul>
 *   <li>{@link io.streamtune.report.StudyResults}: the input, read from a results file's JSON tree.
 *       A study read from Kafka is first made into that tree ({@code ResultsFile.of}), so both
 *       sources give the same report.
 *   <li>{@link io.streamtune.report.Convergence}: best so far against trial number, in the metric's
 *       own direction, over final values only (a trial the monitor stopped has a partial value).
 *   <li>{@link io.streamtune.report.ReportSummary}: budget used, epochs saved by early stopping.
 *   <li>{@link io.streamtune.report.Histogram}: how often each part of a dimension was sampled.
 *   <li>{@code SurrogateReport}: a Gaussian process fitted to the results, and what it says: {@code
 *       Importance} (fANOVA main effects) and {@code PartialDependence} (skopt's {@code
 *       plot_objective}), both over {@code SweptSpace}, the space as the optimizer encodes it.
 *   <li>{@link io.streamtune.report.ReportData}: every chart's data as one JSON document.
 *   <li>{@link io.streamtune.report.ReportPage}: the HTML page, with ECharts (from its WebJar), the
 *       page's scripts and the data inlined: no network is needed to open it.
 * </ul>
 *
 * <h2>Notation</h2>
 *
 * <p>{@code f} the model's prediction on the unit cube {@code [0,1]^D}; {@code x_i} dimension
 * {@code i}; {@code G} swept values per dimension; {@code S} sampled points (a Latin hypercube);
 * {@code PD_i(v) = (1/S) Σ_s f(x_s with x_i = v)}; {@code V = Var[f]}, {@code V_i =
 * Var_v[PD_i(v)]}, importance {@code V_i / V}.
 *
 * <h2>Usage</h2>
 *
 * <pre>{@code
 * StudyResults results = StudyResults.of(ResultsFile.read(path));
 * ReportPage.write(results, Path.of("report.html"));
 * }</pre>
 */
package io.streamtune.report;
