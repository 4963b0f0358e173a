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
 *   <li>{@link io.streamtune.report.ReportData}: every chart's data as one JSON document.
 *   <li>{@link io.streamtune.report.ReportPage}: the HTML page, with ECharts (from its WebJar), the
 *       page's script and the data inlined: no network is needed to open it.
 * </ul>
 *
 * <h2>Usage</h2>
 *
 * <pre>{@code
 * StudyResults results = StudyResults.of(ResultsFile.read(path));
 * ReportPage.write(results, Path.of("report.html"));
 * }</pre>
 */
package io.streamtune.report;
