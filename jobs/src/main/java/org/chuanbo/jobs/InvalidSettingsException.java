package org.chuanbo.jobs;

/**
 * A mistake in the job's settings that the person deploying it can fix: a bad value, an unknown
 * key, a missing file or secret. Its message is one line that says what is wrong and how to fix it;
 * {@link DisseminationJob#main} prints only that line, since a stack trace would bury it.
 */
public final class InvalidSettingsException extends RuntimeException {

  public InvalidSettingsException(String message) {
    super(message);
  }
}
