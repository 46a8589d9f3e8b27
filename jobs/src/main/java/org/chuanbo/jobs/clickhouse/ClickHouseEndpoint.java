package org.chuanbo.jobs.clickhouse;

import com.clickhouse.client.api.Client;
import java.io.Serializable;

/**
 * Where ClickHouse is and who we are there. Serializable so sinks can carry it to the task
 * managers; the client itself is created where it is used.
 *
 * @param url the HTTP interface, e.g. {@code http://127.0.0.1:8123}
 */
public record ClickHouseEndpoint(String url, String user, String password) implements Serializable {

  public static ClickHouseEndpoint local(int port) {
    return new ClickHouseEndpoint("http://127.0.0.1:" + port, "default", "");
  }

  public Client newClient() {
    return new Client.Builder().addEndpoint(url).setUsername(user).setPassword(password).build();
  }
}
