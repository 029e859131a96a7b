package io.camarad.upkeep.task.sitemap;

import io.camarad.upkeep.api.Settings;
import io.camarad.upkeep.api.SettingsException;

/** Reads and checks the {@code urlTemplate} setting shared by the document sources. */
final class TemplateSettings {
  private TemplateSettings() {}

  static void require(Settings source) throws SettingsException {
    String text = source.find("urlTemplate", String.class).orElse("");
    if (text.isBlank()) {
      throw new SettingsException(
          "urlTemplate",
          "source type '"
              + source.find("type", String.class).orElse("?")
              + "' needs 'urlTemplate', for example 'pages/{+id}'");
    }
    try {
      UrlTemplate template = UrlTemplate.parse(text);
      if (template.fields().isEmpty()) {
        throw new SettingsException(
            "urlTemplate",
            "URL template '"
                + text
                + "' names no field, so every page would get the same URL; add one like {+id}");
      }
    } catch (IllegalArgumentException e) {
      throw new SettingsException("urlTemplate", e.getMessage());
    }
  }

  static UrlTemplate template(Settings source) {
    return UrlTemplate.parse(source.string("urlTemplate"));
  }
}
