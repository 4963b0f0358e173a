package io.streamtune.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report as one HTML file: the page, its style, ECharts from its WebJar, the page's script and
 * the {@link ReportData} are all inlined, so the file opens offline and can be mailed or archived.
 */
public final class ReportPage {

  private static final String WEBJAR = "META-INF/resources/webjars/echarts/";
  private static final String WEBJAR_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
  private static final Pattern SCRIPT_END = Pattern.compile("(?i)</(script)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SCRIPTS =
      List.of("core", "history", "models", "space", "table");

  private ReportPage() {}

  /** Writes the page atomically. */
  public static void write(StudyResults study, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, ".streamtune-", ".html");
      Files.writeString(tmp, html(study), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the report to " + file + ": " + e.getMessage(), e);
    }
  }

  /** The page's text. */
  public static String html(StudyResults study) {
    return page(study, data(study), null);
  }

  /**
   * The live UI's page of a study: the report's page, with its data as the UI computed it, a bar
   * under the title, and a script that redraws the page as the study changes.
   *
   * @param dataJson the study's {@link ReportData} as JSON
   * @param bar HTML of the bar: links and the live state
   * @param liveScript the script that follows the study
   */
  public static String livePage(
      StudyResults study, String dataJson, String bar, String liveScript) {
    return page(study, dataJson, new Live(bar, liveScript));
  }

  private record Live(String bar, String script) {}

  private static String page(StudyResults study, String dataJson, Live live) {
    String echartsVersion = echartsVersion();
    String title = "Study " + study.study();
    String lede = ReportData.lede(study);
    Map<String, String> parts = new HashMap<>();
    parts.put("title", escape(title));
    parts.put("lede", escape(lede));
    parts.put("version", escape(version()));
    parts.put("echartsVersion", escape(echartsVersion));
    parts.put("style", resource("io/streamtune/report/report.css"));
    parts.put("data", safeJson(dataJson));
    parts.put("echarts", script(resource(WEBJAR + echartsVersion + "/dist/echarts.min.js")));
    parts.put("scripts", scripts());
    parts.put("bar", live == null ? "" : live.bar());
    parts.put("live", live == null ? "" : "<script>\n" + script(live.script()) + "\n</script>\n");
    parts.put("maker", live == null ? "streamtune report" : "streamtune ui");
    Matcher m = PLACEHOLDER.matcher(resource("io/streamtune/report/report.html"));
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String part = parts.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(part == null ? m.group() : part));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The data as JSON inside a script element: no '<' can end the element or open a comment. */
  static String data(StudyResults study) {
    try {
      return safeJson(JSON.writeValueAsString(ReportData.of(study)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the report's data does not print as JSON", e);
    }
  }

  private static String safeJson(String json) {
    return json.replace("<", "\\u003c");
  }

  /**
   * The page's own scripts, each in its element: one that fails leaves the others to draw. The core
   * (helpers, palette, the data) comes first and the table, which checks what drew, last.
   */
  private static String scripts() {
    StringBuilder out = new StringBuilder();
    for (String part : SCRIPTS) {
      out.append("<script>\n")
          .append(script(resource("io/streamtune/report/report-" + part + ".js")))
          .append("\n</script>\n");
    }
    // Last: what drew, for the browser test; a part that failed has said so by now
    out.append("<script>StreamTuneReport.finish();</script>\n");
    return out.toString();
  }

  /** Script text that cannot close its element early. */
  static String script(String js) {
    return SCRIPT_END.matcher(js).replaceAll("<\\\\/$1");
  }

  /** Text made safe inside HTML, in an element or an attribute. */
  public static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** The ECharts version on the class path, from its WebJar's Maven properties. */
  static String echartsVersion() {
    Properties p = new Properties();
    try (InputStream in = open(WEBJAR_POM)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  private static String version() {
    String v = ReportPage.class.getPackage().getImplementationVersion();
    return v == null ? "" : v;
  }

  /** A UTF-8 resource of the class path, by its full name; names it when the jar lacks it. */
  public static String resource(String name) {
    try (InputStream in = open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  private static InputStream open(String name) {
    InputStream in = ReportPage.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is not on the class path: is the jar complete?");
    }
    return in;
  }
}
