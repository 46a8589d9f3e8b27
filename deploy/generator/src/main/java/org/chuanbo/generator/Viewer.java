package org.chuanbo.generator;

import org.chuanbo.schemas.records.Channel;
import org.chuanbo.schemas.records.Terminal;

/** One user of one channel as events describe them ({@link Audience}). */
record Viewer(Channel channel, String userId, String personId, Terminal terminal, String region) {}
