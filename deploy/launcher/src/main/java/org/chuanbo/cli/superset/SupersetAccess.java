package org.chuanbo.cli.superset;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.chuanbo.schemas.records.Office;

/**
 * Who may read what in Superset (DOMAIN.md "Who it is for"): a role {@code chuanbo_reader} that may
 * read the ClickHouse database; a role per kind of reader — {@code leader} (every office) and
 * {@code editor_<office>} for each office, which the row-level-security rules name; and a login for
 * each, with Superset's read-only {@code Gamma} role. Passwords are generated once and kept in the
 * credentials file; existing roles and logins are left as they are.
 */
final class SupersetAccess {

  static final String READER_ROLE = "chuanbo_reader";
  private static final String DATABASE = "chuanbo";

  private final SupersetApi api;

  SupersetAccess(SupersetApi api) {
    this.api = api;
  }

  /** The logins of the product's readers: {@code leader}, then one editor per office. */
  static Map<String, String> readerLogins() {
    Map<String, String> logins = new LinkedHashMap<>();
    logins.put("leader", "领导");
    for (Office office : Office.values()) {
      logins.put("editor_" + office.code(), office.chineseName() + "编辑");
    }
    return logins;
  }

  /** Creates what is missing; returns the logins created now with their passwords. */
  Map<String, String> ensure(Properties known) throws IOException, InterruptedException {
    Map<String, Integer> roles = api.idsByName("/api/v1/security/roles/", "name");
    int reader = roles.containsKey(READER_ROLE) ? roles.get(READER_ROLE) : createReaderRole();
    Map<String, Integer> users = api.idsByName("/api/v1/security/users/", "username");
    Map<String, String> created = new LinkedHashMap<>();
    for (Map.Entry<String, String> login : readerLogins().entrySet()) {
      String name = login.getKey();
      int own = roles.containsKey(name) ? roles.get(name) : createRole(name);
      if (users.containsKey(name)) {
        continue;
      }
      String password =
          known.containsKey(name) ? known.getProperty(name) : SupersetServer.generatedPassword();
      api.postJson(
          "/api/v1/security/users/",
          Map.of(
              "active",
              true,
              "username",
              name,
              "first_name",
              login.getValue(),
              "last_name",
              "传播",
              "email",
              name + "@chuanbo.local",
              "password",
              password,
              "roles",
              List.of(roles.get("Gamma"), reader, own)));
      created.put(name, password);
    }
    return created;
  }

  private int createReaderRole() throws IOException, InterruptedException {
    int role = createRole(READER_ROLE);
    api.postJson(
        "/api/v1/security/roles/" + role + "/permissions",
        Map.of("permission_view_menu_ids", List.of(databaseAccessPermission())));
    return role;
  }

  private int createRole(String name) throws IOException, InterruptedException {
    return api.postJson("/api/v1/security/roles/", Map.of("name", name)).get("id").asInt();
  }

  /** The permission {@code database_access} on the imported database, {@code [chuanbo].(id:N)}. */
  private int databaseAccessPermission() throws IOException, InterruptedException {
    for (JsonNode permission : api.all("/api/v1/security/permissions-resources/")) {
      if (permission.at("/permission/name").asText().equals("database_access")
          && permission.at("/view_menu/name").asText().startsWith("[" + DATABASE + "]")) {
        return permission.get("id").asInt();
      }
    }
    throw new IllegalStateException(
        "Superset has no database_access permission for the database " + DATABASE);
  }
}
