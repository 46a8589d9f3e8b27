package org.chuanbo.cli.browser;

/**
 * An expression evaluated in the page threw (or its promise rejected). Kept apart from {@link
 * CdpException}: this is the page's or the test's JavaScript failing, not the browser connection.
 */
public final class JavaScriptException extends RuntimeException {

  JavaScriptException(String expression, String thrown) {
    super(thrown + "\n  evaluating: " + expression);
  }
}
