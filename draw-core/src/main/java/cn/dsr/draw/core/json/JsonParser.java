package cn.dsr.draw.core.json;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 8259 parser for the subset draw documents use. Beyond RFC 8259 it refuses what
 * would make canonical forms ambiguous (RFC 8785 / I-JSON): duplicate keys, lone surrogates,
 * and any number that is not an integer with |n| < 2^53.
 */
public final class JsonParser {

    /** Deep enough for any draw document, shallow enough that hostile input cannot overflow the stack. */
    private static final int MAX_DEPTH = 256;

    private final String text;
    private int pos;

    private JsonParser(String text) {
        this.text = text;
    }

    public static JsonValue parse(String text) {
        JsonParser parser = new JsonParser(text);
        parser.skipWhitespace();
        JsonValue value = parser.value(0);
        parser.skipWhitespace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected " + parser.describe(parser.pos) + " after the JSON value");
        }
        return value;
    }

    private JsonValue value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> new JsonString(string());
            case 't' -> literal("true", JsonBoolean.TRUE);
            case 'f' -> literal("false", JsonBoolean.FALSE);
            case 'n' -> literal("null", JsonNull.NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected " + describe(pos) + ", expected a value");
            }
        };
    }

    private JsonObject object(int depth) {
        pos++;
        JsonObject.Builder members = JsonObject.builder();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return members.build();
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name in double quotes, found " + describe(pos));
            }
            int keyStart = pos;
            String key = string();
            if (members.has(key)) {
                pos = keyStart;
                throw error("duplicate key \"" + key + "\"");
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            members.put(key, value(depth + 1));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                return members.build();
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' in object, found " + describe(pos));
            }
        }
    }

    private JsonArray array(int depth) {
        pos++;
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return new JsonArray(elements);
        }
        while (true) {
            skipWhitespace();
            elements.add(value(depth + 1));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                return new JsonArray(elements);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' in array, found " + describe(pos));
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                break;
            }
            if (c < 0x20) {
                throw error("unescaped control character U+" + String.format("%04X", (int) c) + " in string");
            }
            if (c == '\\') {
                sb.append(escape());
            } else {
                sb.append(c);
                pos++;
            }
        }
        String s = sb.toString();
        int lone = loneSurrogate(s);
        if (lone >= 0) {
            throw error("string contains a lone surrogate U+" + String.format("%04X", (int) s.charAt(lone)));
        }
        return s;
    }

    private char escape() {
        if (pos + 1 >= text.length()) {
            throw error("unterminated escape");
        }
        char e = text.charAt(pos + 1);
        pos += 2;
        switch (e) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (pos + 4 > text.length()) {
                    throw error("truncated \\u escape");
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(text.charAt(pos + i), 16);
                    if (digit < 0) {
                        throw error("invalid hex digit in \\u escape");
                    }
                    code = code * 16 + digit;
                }
                pos += 4;
                return (char) code;
            default:
                pos -= 2;
                throw error("invalid escape \\" + e);
        }
    }

    /** Index of the first unpaired surrogate in s, or -1. */
    static int loneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private JsonNumber number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digitsStart = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        int digits = pos - digitsStart;
        if (digits == 0) {
            throw error("expected a digit after '-'");
        }
        char next = peek();
        if (next == '.' || next == 'e' || next == 'E') {
            int end = pos;
            while (end < text.length() && "0123456789.eE+-".indexOf(text.charAt(end)) >= 0) {
                end++;
            }
            pos = start;
            throw error("floating-point number " + text.substring(start, end)
                    + " not allowed: dsr-draw/1 documents contain integers only (ratios are basis points)");
        }
        if (digits > 1 && text.charAt(digitsStart) == '0') {
            pos = start;
            throw error("integer with a leading zero");
        }
        if (digits > 16) {
            pos = start;
            throw error("integer " + text.substring(start, pos) + " out of range: |n| must be < 2^53");
        }
        long magnitude = Long.parseLong(text, digitsStart, pos, 10);
        if (magnitude > JsonNumber.MAX_MAGNITUDE) {
            String literal = text.substring(start, pos);
            pos = start;
            throw error("integer " + literal + " out of range: |n| must be < 2^53");
        }
        return new JsonNumber(text.charAt(start) == '-' ? -magnitude : magnitude);
    }

    private JsonValue literal(String word, JsonValue value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected " + describe(pos) + ", expected a value");
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "', found " + describe(pos));
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\uFFFF';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private String describe(int at) {
        if (at >= text.length()) {
            return "end of input";
        }
        char c = text.charAt(at);
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private JsonException error(String message) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new JsonException("JSON line " + line + ", column " + column + ": " + message);
    }
}
