package org.chuanbo.cli.superset;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chuanbo.dashboards.superset.ChuanboDashboards;
import org.chuanbo.dashboards.superset.SupersetDataset;
import org.chuanbo.schemas.records.Office;

/**
 * Row-level security, which Superset does not carry in bundles: for each office, a rule that the
 * role {@code editor_<office>} reads only {@code office = '<office>'} of every dataset that has the
 * office column. {@code leader} has no rule, so it reads every office. Rules are named {@code
 * chuanbo_office_<office>} and rewritten on every start, so they follow the datasets.
 */
final class SupersetRowSecurity {

  private final SupersetApi api;

  SupersetRowSecurity(SupersetApi api) {
    this.api = api;
  }

  /** Creates or updates the rule of every office; returns how many rules there are. */
  int apply() throws IOException, InterruptedException {
    List<Integer> tables = officeDatasetIds();
    Map<String, Integer> roles = api.idsByName("/api/v1/security/roles/", "name");
    Map<String, Integer> rules = api.idsByName("/api/v1/rowlevelsecurity/", "name");
    for (Office office : Office.values()) {
      String role = "editor_" + office.code();
      if (!roles.containsKey(role)) {
        throw new IllegalStateException("Superset has no role " + role + " for its rule");
      }
      String name = "chuanbo_office_" + office.code();
      Map<String, Object> rule = new HashMap<>();
      rule.put("name", name);
      rule.put("description", office.chineseName() + "的编辑只看本单位的数据");
      rule.put("filter_type", "Regular");
      rule.put("tables", tables);
      rule.put("roles", List.of(roles.get(role)));
      rule.put("group_key", "office");
      rule.put("clause", "office = '" + office.code() + "'");
      if (rules.containsKey(name)) {
        api.putJson("/api/v1/rowlevelsecurity/" + rules.get(name), rule);
      } else {
        api.postJson("/api/v1/rowlevelsecurity/", rule);
      }
    }
    return Office.values().length;
  }

  /** The ids Superset gave the datasets that have an office column. */
  private List<Integer> officeDatasetIds() throws IOException, InterruptedException {
    Map<String, Integer> datasets = api.idsByName("/api/v1/dataset/", "table_name");
    List<Integer> tables = new ArrayList<>();
    for (SupersetDataset dataset : ChuanboDashboards.datasets()) {
      if (dataset.hasOffice()) {
        Integer id = datasets.get(dataset.name());
        if (id == null) {
          throw new IllegalStateException("Superset has no dataset " + dataset.name());
        }
        tables.add(id);
      }
    }
    return tables;
  }
}
