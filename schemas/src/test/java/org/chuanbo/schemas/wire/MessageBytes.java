package org.chuanbo.schemas.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** Hand-made messages, valid or not, one Avro primitive at a time. */
final class MessageBytes {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);

  /** A message starting with a valid header for {@code fingerprint}. */
  static MessageBytes withHeader(long fingerprint) {
    MessageBytes message = new MessageBytes();
    message.raw(0xC3, 0x01);
    message.out.writeBytes(
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint).array());
    return message;
  }

  MessageBytes string(String value) {
    return write(() -> encoder.writeString(value));
  }

  MessageBytes longValue(long value) {
    return write(() -> encoder.writeLong(value));
  }

  /** An enum symbol or union branch index. */
  MessageBytes index(int value) {
    return write(() -> encoder.writeInt(value));
  }

  MessageBytes raw(int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  private MessageBytes write(IoAction action) {
    try {
      action.run();
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  private interface IoAction {
    void run() throws IOException;
  }
}
