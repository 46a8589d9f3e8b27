package org.chuanbo.clickhouse.local.http;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.chuanbo.clickhouse.local.engine.ClickHouseException;

/**
 * Lanes into the engine — one for INSERTs, one for everything else, and a small one of the admin's
 * own — each with a fixed number of places. A crowd of slow or abandoned reads fills its own lane
 * only: the job's inserts keep their places, the admin can still look at {@code system.processes}
 * and kill what runs, and {@code /ping}, which takes no place, always answers. A request that finds
 * its lane full waits a while, then is refused as the server refuses it (code 202).
 */
final class QueryLanes {

  private static final int TOO_MANY_SIMULTANEOUS_QUERIES = 202;

  /** Enough for a migration and someone looking at what runs. */
  private static final int ADMIN_PLACES = 4;

  private final Semaphore reads;
  private final Semaphore inserts;
  private final Semaphore admin = new Semaphore(ADMIN_PLACES, true);
  private final int readPlaces;
  private final int insertPlaces;
  private final Duration queueWait;

  QueryLanes(EndpointLimits limits) {
    this.readPlaces = limits.concurrentReads();
    this.insertPlaces = limits.concurrentInserts();
    this.reads = new Semaphore(readPlaces, true);
    this.inserts = new Semaphore(insertPlaces, true);
    this.queueWait = limits.queueWait();
  }

  /** A place in a lane; closing it frees the place. */
  interface Place extends AutoCloseable {
    @Override
    void close();
  }

  Place enter(Role role, boolean insert) {
    Semaphore lane = role == Role.ADMIN ? admin : insert ? inserts : reads;
    boolean entered;
    try {
      entered = lane.tryAcquire(queueWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      entered = false;
    }
    if (!entered) {
      throw ClickHouseException.of(
          TOO_MANY_SIMULTANEOUS_QUERIES,
          "TOO_MANY_SIMULTANEOUS_QUERIES",
          "Too many simultaneous "
              + (insert ? "inserts" : "queries")
              + ". Maximum: "
              + (role == Role.ADMIN ? ADMIN_PLACES : insert ? insertPlaces : readPlaces)
              + " (waited "
              + queueWait.toMillis()
              + " ms for a place; try again later)");
    }
    return lane::release;
  }
}
