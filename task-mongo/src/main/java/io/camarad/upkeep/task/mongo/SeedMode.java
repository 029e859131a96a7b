package io.camarad.upkeep.task.mongo;

/** How a collection's baseline documents meet documents that already exist. */
enum SeedMode {
  /** Insert missing documents only; never overwrite what production changed. */
  INSERT_ONLY("insertOnly"),
  /** Insert missing documents and update the seeded fields of changed ones. */
  UPSERT("upsert");

  private final String setting;

  SeedMode(String setting) {
    this.setting = setting;
  }

  String setting() {
    return setting;
  }

  static SeedMode fromSetting(String value) {
    for (SeedMode mode : values()) {
      if (mode.setting.equals(value)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown mode '" + value + "'; use insertOnly or upsert");
  }
}
