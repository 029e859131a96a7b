package io.camarad.upkeep.task.pinecone;

import io.camarad.upkeep.api.ServiceException;

/** The embedding model and the index disagree on the dimension: nothing can be written. */
final class DimensionMismatch {
  private DimensionMismatch() {}

  static ServiceException of(String model, int modelDimension, int indexDimension) {
    return ServiceException.permanent(
        "pinecone",
        "the index has dimension "
            + indexDimension
            + " but model '"
            + model
            + "' makes "
            + modelDimension
            + "-dimension vectors; nothing was written. Use a model of "
            + indexDimension
            + " dimensions, or an index of "
            + modelDimension,
        -1);
  }
}
