package org.chuanbo.schemas;

/**
 * One broken rule of a decoded record.
 *
 * @param field the Avro field name the problem is about
 * @param reason the reject reason it maps to
 * @param message what is wrong, for a person reading the dead-letter topic
 */
public record ValidationProblem(String field, RejectReason reason, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
