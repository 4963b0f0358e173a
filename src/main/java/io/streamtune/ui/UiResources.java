package io.streamtune.ui;

import io.streamtune.report.ReportPage;

/** The UI's own pages and scripts, from this package's resources. */
final class UiResources {

  private UiResources() {}

  private static String resource(String name) {
    return ReportPage.resource("io/streamtune/ui/" + name);
  }

  /** The list of studies: a page that fills itself from the event stream. */
  static String index() {
    return resource("index.html").replace("{{style}}", resource("ui.css"));
  }

  /** The bar under a study page's title: back to the list, the report, and the live state. */
  static String bar(String studyId, long version) {
    String id = ReportPage.escape(studyId);
    return "<div class=\"live-bar\" id=\"live-bar\" data-study=\""
        + id
        + "\" data-version=\""
        + version
        + "\"><a href=\"/\">&larr; All studies</a>"
        + "<a href=\"/studies/"
        + id
        + "/report.html\" download>Download the report</a>"
        + "<span class=\"live-state\" id=\"live-state\" data-state=\"connecting\">connecting…</span>"
        + "</div>\n<style>\n"
        + resource("ui.css")
        + "\n</style>";
  }

  /** The script that redraws a study page when the study changes. */
  static String live() {
    return resource("live.js");
  }

  static String notFound(String studyId) {
    String what = studyId == null ? "This page" : "Study " + ReportPage.escape(studyId);
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title>"
        + "</head><body style=\"font-family: system-ui, sans-serif; margin: 40px\"><h1>"
        + what
        + " is not here</h1><p>The cluster has no such study, or the UI has not read it yet."
        + " <a href=\"/\">All studies</a></p></body></html>";
  }
}
