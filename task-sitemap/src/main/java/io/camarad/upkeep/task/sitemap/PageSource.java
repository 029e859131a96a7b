package io.camarad.upkeep.task.sitemap;

import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;
import io.camarad.upkeep.api.SettingsSpec;
import io.camarad.upkeep.api.TaskContext;

/**
 * Where the pages of a sitemap come from. Implementations are discovered with {@link
 * java.util.ServiceLoader} (list them in {@code
 * META-INF/services/io.camarad.upkeep.task.sitemap.PageSource}) and chosen by the {@code
 * source.type} setting of the sitemap task. Bundled: {@code mongodb}, {@code jsonl}, {@code list}.
 *
 * <p>A source streams: {@link #open} returns a cursor that reads pages one at a time, so that a
 * site of millions of pages never sits in memory. The task opens a source twice per apply-run at
 * most (once to plan, once to write), so a source must give the same pages in the same order when
 * nothing changed.
 *
 * @since 0.1
 */
public interface PageSource {

  /** The type named in the protocol under {@code source.type}, for example {@code jsonl}. */
  String type();

  /**
   * The settings this source reads from the {@code source} section, besides {@code type}. The task
   * declares the union of every discovered source's settings; keys that belong to another source
   * type are refused by the task.
   */
  SettingsSpec settingsSpec();

  /**
   * Checks the {@code source} section beyond its spec, before anything runs.
   *
   * @throws SettingsException naming the key relative to the {@code source} section
   */
  default void validate(Settings settings) throws SettingsException {}

  /**
   * Opens a cursor over the pages. Called during plan and apply; must change nothing.
   *
   * @param context the task's context (resources, cancellation, logger)
   * @param settings the {@code source} section
   * @throws Exception when the source cannot be read (a missing file, an unknown resource)
   */
  PageCursor open(TaskContext context, Settings settings) throws Exception;
}
