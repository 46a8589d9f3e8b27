package org.chuanbo.clickhouse.local.http;

import java.util.Map;

/**
 * The HTTP status the ClickHouse server answers for an error code (its {@code
 * exceptionCodeToHTTPStatus}); codes not listed are 500, as there.
 */
final class ErrorHttpStatus {

  private static final Map<Integer, Integer> STATUS_BY_CODE =
      Map.ofEntries(
          // REQUIRED_PASSWORD
          Map.entry(194, 401),
          // UNKNOWN_USER, WRONG_PASSWORD, AUTHENTICATION_FAILED, SET_NON_GRANTED_ROLE
          Map.entry(192, 403),
          Map.entry(193, 403),
          Map.entry(516, 403),
          Map.entry(512, 403),
          // ACCESS_DENIED, READONLY
          Map.entry(497, 403),
          Map.entry(164, 403),
          // CANNOT_PARSE_TEXT, _ESCAPE_SEQUENCE, _QUOTED_STRING, _INPUT_ASSERTION_FAILED, _DATE,
          // _DATETIME, _NUMBER, _UUID, _IPV4, _IPV6, _DOMAIN_VALUE_FROM_STRING
          Map.entry(6, 400),
          Map.entry(25, 400),
          Map.entry(26, 400),
          Map.entry(27, 400),
          Map.entry(38, 400),
          Map.entry(41, 400),
          Map.entry(72, 400),
          Map.entry(376, 400),
          Map.entry(441, 400),
          Map.entry(442, 400),
          // UNKNOWN_ELEMENT_IN_AST, UNKNOWN_TYPE_OF_AST_NODE, TOO_DEEP_AST, TOO_BIG_AST,
          // UNEXPECTED_AST_STRUCTURE, SYNTAX_ERROR, INCORRECT_DATA, TYPE_MISMATCH, BAD_ARGUMENTS,
          // UNKNOWN_QUERY_PARAMETER, BAD_QUERY_PARAMETER
          Map.entry(167, 400),
          Map.entry(168, 400),
          Map.entry(169, 400),
          Map.entry(170, 400),
          Map.entry(171, 400),
          Map.entry(62, 400),
          Map.entry(117, 400),
          Map.entry(53, 400),
          Map.entry(36, 400),
          Map.entry(457, 400),
          Map.entry(456, 400),
          // UNKNOWN_TABLE, _FUNCTION, _IDENTIFIER, _TYPE, _STORAGE, _DATABASE, _SETTING,
          // _DIRECTION_OF_SORTING, _AGGREGATE_FUNCTION, _FORMAT, _DATABASE_ENGINE, _TYPE_OF_QUERY,
          // _ROLE
          Map.entry(60, 404),
          Map.entry(46, 404),
          Map.entry(47, 404),
          Map.entry(50, 404),
          Map.entry(56, 404),
          Map.entry(81, 404),
          Map.entry(115, 404),
          Map.entry(64, 404),
          Map.entry(63, 404),
          Map.entry(73, 404),
          Map.entry(336, 404),
          Map.entry(78, 404),
          Map.entry(511, 404),
          // QUERY_IS_TOO_LARGE, LIMIT_EXCEEDED (the request body), TOO_LARGE_SIZE_COMPRESSED
          Map.entry(393, 413),
          Map.entry(290, 413),
          Map.entry(246, 413),
          // TOO_MANY_SIMULTANEOUS_QUERIES: come back later
          Map.entry(202, 503),
          // NOT_IMPLEMENTED
          Map.entry(48, 501),
          // SOCKET_TIMEOUT, CANNOT_OPEN_FILE
          Map.entry(209, 503),
          Map.entry(76, 503),
          // HTTP_LENGTH_REQUIRED
          Map.entry(381, 411),
          // TIMEOUT_EXCEEDED
          Map.entry(159, 504),
          // INVALID_SESSION_TIMEOUT
          Map.entry(374, 400));

  private ErrorHttpStatus() {}

  static int forCode(int code) {
    return STATUS_BY_CODE.getOrDefault(code, 500);
  }
}
