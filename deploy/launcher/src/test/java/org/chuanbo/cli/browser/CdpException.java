package org.chuanbo.cli.browser;

/**
 * Chromium's DevTools answered a command with an error, did not answer in time, or the connection
 * to it is gone. The message names the command and carries Chromium's own words.
 */
public final class CdpException extends RuntimeException {

  CdpException(String message) {
    super(message);
  }

  CdpException(String message, Throwable cause) {
    super(message, cause);
  }
}
