package io.streamtune.console;

import io.streamtune.study.StudyView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;

/**
 * Progress redrawn in place with JLine's {@link Display}, which rewrites only the lines that
 * changed and keeps every line within the terminal's width, so nothing wraps or scrolls.
 */
final class LiveProgress implements Progress {

  private final Terminal terminal;
  private final Display display;
  private final boolean unicode;
  private List<AttributedString> shown = List.of();

  LiveProgress(Terminal terminal) {
    this.terminal = terminal;
    this.display = new Display(terminal, false);
    this.unicode = StandardCharsets.UTF_8.equals(terminal.encoding());
  }

  @Override
  public synchronized void update(StudyView study, long elapsedMillis) {
    int width = Math.max(20, terminal.getWidth());
    // A line as wide as the terminal makes some terminals wrap; one column spare avoids it.
    List<AttributedString> lines =
        ProgressView.render(study, elapsedMillis, width - 1, unicode).stream()
            .map(AttributedString::new)
            .toList();
    Size size = new Size(width, Math.max(1, terminal.getHeight()));
    display.resize(size.getRows(), size.getColumns());
    AttributedString last = lines.get(lines.size() - 1);
    display.update(lines, size.cursorPos(lines.size() - 1, last.columnLength()));
    shown = lines;
  }

  @Override
  public synchronized void close() {
    if (!shown.isEmpty()) {
      terminal.writer().println();
      terminal.writer().flush();
    }
  }
}
