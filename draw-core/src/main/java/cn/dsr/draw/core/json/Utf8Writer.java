package cn.dsr.draw.core.json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * UTF-8 encoding into a byte buffer, unsynchronised and without a charset encoder: canonical
 * forms of large inputs are hashed as they are written. Only well-formed UTF-16 reaches it
 * (canonicalization refuses lone surrogates first).
 */
final class Utf8Writer extends Writer {

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int length;
    private char pendingHigh;

    Utf8Writer(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int c) throws IOException {
        encode((char) c);
    }

    @Override
    public void write(char[] chars, int offset, int count) throws IOException {
        for (int i = offset; i < offset + count; i++) {
            encode(chars[i]);
        }
    }

    @Override
    public void write(String s, int offset, int count) throws IOException {
        for (int i = offset; i < offset + count; i++) {
            encode(s.charAt(i));
        }
    }

    private void encode(char c) throws IOException {
        if (length > buffer.length - 4) {
            drain();
        }
        if (pendingHigh != 0) {
            int cp = Character.toCodePoint(pendingHigh, c);
            pendingHigh = 0;
            buffer[length++] = (byte) (0xf0 | (cp >> 18));
            buffer[length++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
            buffer[length++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
            buffer[length++] = (byte) (0x80 | (cp & 0x3f));
        } else if (c < 0x80) {
            buffer[length++] = (byte) c;
        } else if (c < 0x800) {
            buffer[length++] = (byte) (0xc0 | (c >> 6));
            buffer[length++] = (byte) (0x80 | (c & 0x3f));
        } else if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else {
            buffer[length++] = (byte) (0xe0 | (c >> 12));
            buffer[length++] = (byte) (0x80 | ((c >> 6) & 0x3f));
            buffer[length++] = (byte) (0x80 | (c & 0x3f));
        }
    }

    private void drain() throws IOException {
        out.write(buffer, 0, length);
        length = 0;
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
