package io.camarad.upkeep.task.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import io.camarad.upkeep.api.ServiceException;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the write errors of a refused bulk write into one short sentence per error: the collection,
 * the natural key of the document, what happened and the fix. Never the document nor the server's
 * raw answer, which can run to kilobytes; at most {@value #SHOWN} errors and a count of the rest.
 */
final class WriteErrors {
  static final int SHOWN = 3;
  private static final int KEY_LIMIT = 60;
  private static final int TEXT_LIMIT = 120;
  private static final Pattern INDEX = Pattern.compile("index:? '?([\\w.$-]+)'?");
  private static final String DUPLICATE_FIX =
      "the index and the seed disagree, see docs/task-mongo.md (write errors)";

  private WriteErrors() {}

  /**
   * A permanent failure describing {@code e}, without its cause (the cause's message holds the
   * server's answer).
   *
   * @param keyOfModel the natural key value of the write at an index of the bulk write
   */
  static ServiceException refusal(
      String collection,
      String keyField,
      int writes,
      MongoBulkWriteException e,
      IntFunction<Object> keyOfModel) {
    List<BulkWriteError> errors = e.getWriteErrors();
    StringBuilder text =
        new StringBuilder("bulk write to ")
            .append(collection)
            .append(" refused ")
            .append(errors.size())
            .append(" of ")
            .append(writes)
            .append(" writes: ");
    for (int i = 0; i < Math.min(SHOWN, errors.size()); i++) {
      BulkWriteError error = errors.get(i);
      text.append(i == 0 ? "" : "; ")
          .append(sentence(collection, keyField, keyOfModel.apply(error.getIndex()), error));
    }
    if (errors.size() > SHOWN) {
      text.append("; and ").append(errors.size() - SHOWN).append(" more");
    }
    if (errors.stream().limit(SHOWN).anyMatch(WriteErrors::isDuplicateKey)) {
      text.append("; ").append(DUPLICATE_FIX);
    }
    return ServiceException.permanent(MongoCalls.SERVICE, text.toString(), -1);
  }

  private static String sentence(
      String collection, String keyField, Object key, BulkWriteError error) {
    String subject = collection + " " + keyField + " '" + cut(String.valueOf(key), KEY_LIMIT) + "'";
    if (isDuplicateKey(error)) {
      return subject + ": another document already holds that key: " + index(error);
    }
    return subject
        + ": refused by the server (code "
        + error.getCode()
        + ": "
        + cut(firstLine(error.getMessage()), TEXT_LIMIT)
        + "); fix the seed document or the"
        + " collection's rules";
  }

  static boolean isDuplicateKey(BulkWriteError error) {
    String message = String.valueOf(error.getMessage());
    return error.getCode() == 11000
        || error.getCode() == 11001
        || message.contains("duplicate key")
        || message.contains("already existed");
  }

  private static String index(BulkWriteError error) {
    Matcher matcher = INDEX.matcher(String.valueOf(error.getMessage()));
    return matcher.find() ? "unique index " + matcher.group(1) : "a unique index";
  }

  private static String firstLine(String message) {
    String text = message == null ? "" : message.strip();
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  /** {@code text}, cut to {@code limit} characters with an ellipsis when longer. */
  static String cut(String text, int limit) {
    return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
  }
}
