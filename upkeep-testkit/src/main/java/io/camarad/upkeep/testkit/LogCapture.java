package io.camarad.upkeep.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event (all loggers, level DEBUG and above) while it is open, with the messages
 * of attached exceptions and their causes, so a test can assert on what was logged, for example
 * that a planted secret never was.
 *
 * <pre>{@code
 * @RegisterExtension LogCapture logs = new LogCapture();   // JUnit 5, per test
 * try (LogCapture logs = LogCapture.start()) { ... }       // or by hand
 * assertThat(logs.text()).doesNotContain("planted-secret");
 * }</pre>
 *
 * <p>Needs logback-classic as the SLF4J binding of the test class path.
 *
 * @since 0.1
 */
public final class LogCapture implements AutoCloseable, BeforeEachCallback, AfterEachCallback {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Level previousLevel;

  /** A capture for {@code @RegisterExtension}; it starts before and stops after each test. */
  public LogCapture() {}

  /** Starts capturing now; close to stop. */
  public static LogCapture start() {
    LogCapture capture = new LogCapture();
    capture.attach();
    return capture;
  }

  private synchronized void attach() {
    Logger root = root();
    previousLevel = root.getLevel();
    if (!root.isDebugEnabled()) {
      root.setLevel(Level.DEBUG);
    }
    appender.setContext(root.getLoggerContext());
    appender.list.clear();
    appender.start();
    root.addAppender(appender);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /** Every captured line: level, logger, formatted message, then exception messages. */
  public synchronized List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : List.copyOf(appender.list)) {
      lines.add(format(event));
    }
    return lines;
  }

  /** All captured lines joined with newlines. */
  public String text() {
    return String.join("\n", lines());
  }

  /** The captured lines of one level (INFO, WARN, ERROR, DEBUG). */
  public List<String> lines(String level) {
    return lines().stream().filter(l -> l.startsWith(level + " ")).toList();
  }

  /** Forgets what was captured so far. */
  public synchronized void clear() {
    appender.list.clear();
  }

  private static String format(ILoggingEvent event) {
    StringBuilder line = new StringBuilder();
    line.append(event.getLevel())
        .append(' ')
        .append(event.getLoggerName())
        .append(" - ")
        .append(event.getFormattedMessage());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      line.append("\n  ").append(t.getClassName()).append(": ").append(t.getMessage());
      for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
        line.append("\n    ").append(frame.getSTEAsString());
      }
    }
    return line.toString();
  }

  @Override
  public synchronized void close() {
    Logger root = root();
    root.detachAppender(appender);
    appender.stop();
    if (previousLevel != null) {
      root.setLevel(previousLevel);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    attach();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }
}
