package io.camarad.upkeep.task.pinecone;

/** Streams the documents to index, one at a time, in a stable order. */
interface DocumentSource {

  /** Where the documents come from, for messages: {@code mongo/pages}, a file name. */
  String describe();

  /**
   * Hands every document to {@code sink}, in order, without holding them all in memory.
   *
   * @throws SourceReadException when the source cannot be read to its end; the documents handed
   *     over before the failure are valid, but the read is incomplete
   * @throws Exception what {@code sink} throws, unchanged
   */
  void read(Sink sink) throws Exception;

  /** Receives documents. */
  @FunctionalInterface
  interface Sink {
    void accept(SourceDocument document) throws Exception;
  }
}
