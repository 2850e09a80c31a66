package cn.dsr.draw.core.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Map;

/**
 * RFC 8785 JSON Canonicalization Scheme for integer-only documents: members sorted by the
 * UTF-16 code units of their names, no whitespace, strings with only the mandatory escapes.
 * The canonical bytes are the UTF-8 encoding of {@link #canonical}.
 */
public final class Jcs {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Jcs() {
    }

    public static String canonical(JsonValue value) {
        StringWriter out = new StringWriter();
        write(value, out);
        return out.toString();
    }

    public static byte[] canonicalBytes(JsonValue value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writeUtf8(value, bytes);
        return bytes.toByteArray();
    }

    /** Streams the canonical UTF-8 bytes, so large documents can be hashed without holding their text. */
    public static void writeUtf8(JsonValue value, OutputStream out) {
        try (Writer writer = new Utf8Writer(out)) {
            writeValue(value, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(JsonValue value, Writer out) {
        try {
            writeValue(value, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeValue(JsonValue value, Writer out) throws IOException {
        if (value instanceof JsonObject object) {
            writeObject(object, out);
        } else if (value instanceof JsonArray array) {
            out.write('[');
            boolean first = true;
            for (JsonValue element : array.elements()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                writeValue(element, out);
            }
            out.write(']');
        } else if (value instanceof JsonString string) {
            writeString(string.value(), out);
        } else if (value instanceof JsonNumber number) {
            // For |n| < 2^53 the ECMAScript Number-to-String that RFC 8785 prescribes is plain decimal.
            out.write(Long.toString(number.value()));
        } else if (value instanceof JsonBoolean bool) {
            out.write(bool.value() ? "true" : "false");
        } else {
            out.write("null");
        }
    }

    private static void writeObject(JsonObject object, Writer out) throws IOException {
        Map<String, JsonValue> members = object.members();
        String[] keys = members.keySet().toArray(new String[0]);
        // String.compareTo orders by UTF-16 code units, exactly what RFC 8785 §3.2.3 asks for.
        Arrays.sort(keys);
        out.write('{');
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            writeString(keys[i], out);
            out.write(':');
            writeValue(members.get(keys[i]), out);
        }
        out.write('}');
    }

    private static void writeString(String s, Writer out) throws IOException {
        int lone = JsonParser.loneSurrogate(s);
        if (lone >= 0) {
            throw new JsonException("cannot canonicalize a string with a lone surrogate at index " + lone);
        }
        out.write('"');
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            String escape = escape(s.charAt(i));
            if (escape != null) {
                out.write(s, plain, i - plain);
                out.write(escape);
                plain = i + 1;
            }
        }
        out.write(s, plain, s.length() - plain);
        out.write('"');
    }

    /** The escape RFC 8785 mandates for c, or null when c is written as itself. */
    private static String escape(char c) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\b' -> "\\b";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\f' -> "\\f";
            case '\r' -> "\\r";
            default -> c < 0x20 ? "\\u00" + HEX[c >> 4] + HEX[c & 0xf] : null;
        };
    }
}
