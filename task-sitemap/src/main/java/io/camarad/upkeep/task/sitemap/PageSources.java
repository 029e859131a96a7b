package io.camarad.upkeep.task.sitemap;

import io.camarad.upkeep.api.SettingSpec;
import io.camarad.upkeep.api.SettingsSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The page sources available to the task, by type. */
final class PageSources {
  private final Map<String, PageSource> byType = new LinkedHashMap<>();

  PageSources(List<PageSource> sources) {
    for (PageSource source : sources) {
      PageSource earlier = byType.putIfAbsent(source.type(), source);
      if (earlier != null) {
        throw new IllegalStateException(
            "two page sources have type '"
                + source.type()
                + "': "
                + earlier.getClass().getName()
                + " and "
                + source.getClass().getName()
                + "; remove one of the jars that provide them");
      }
    }
  }

  /** The sources found with {@link ServiceLoader} beside this task. */
  static PageSources discover() {
    List<PageSource> found =
        ServiceLoader.load(PageSource.class, PageSource.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get)
            .toList();
    return new PageSources(found);
  }

  Optional<PageSource> find(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  List<String> types() {
    return List.copyOf(byType.keySet());
  }

  /** The {@code source} section: {@code type} plus every source's settings. */
  SettingsSpec sectionSpec() {
    SettingsSpec.Builder builder =
        SettingsSpec.builder()
            .requiredString("type", "where pages come from: " + String.join(", ", types()));
    Map<String, SettingSpec> union = new LinkedHashMap<>();
    for (PageSource source : byType.values()) {
      for (SettingSpec spec : source.settingsSpec().settings()) {
        union.putIfAbsent(spec.key(), spec);
      }
    }
    union.values().forEach(builder::add);
    return builder.build();
  }
}
