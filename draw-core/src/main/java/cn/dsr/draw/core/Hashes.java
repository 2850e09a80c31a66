package cn.dsr.draw.core;

import cn.dsr.draw.core.json.Jcs;
import cn.dsr.draw.core.json.JsonValue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 and lowercase hex, the only primitives of dsr-draw/1. */
public final class Hashes {

    public static final int SHA256_BYTES = 32;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Hashes() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    public static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    /** {@code hex(H(JCS(value)))}, streamed so a million-entity input is never held as text. */
    public static String digestOf(JsonValue value) {
        MessageDigest md = sha256();
        Jcs.writeUtf8(value, new DigestOutputStream(OutputStream.nullOutputStream(), md));
        return hex(md.digest());
    }

    /** {@code c = hex(H(u8(partyId) ‖ 0x00 ‖ secret))}, secret being the 32 bytes the hex reveals. */
    public static String commitment(String partyId, String secretHex) {
        byte[] secret = fromHex(secretHex);
        if (secret.length != SHA256_BYTES) {
            throw new IllegalArgumentException("a party secret is 32 bytes (64 hex digits), got " + secret.length);
        }
        MessageDigest md = sha256();
        md.update(partyId.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(secret);
        return hex(md.digest());
    }

    public static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Decodes lowercase hex only: the format writes hex in lowercase, so any other spelling is refused. */
    public static byte[] fromHex(String hex) {
        if (!isLowerHex(hex, hex.length()) || hex.length() % 2 != 0) {
            throw new IllegalArgumentException("not lowercase hex of whole bytes: \"" + hex + "\"");
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex, 2 * i, 2 * i + 2, 16);
        }
        return out;
    }

    /** True when s is exactly {@code length} lowercase hex digits. */
    public static boolean isLowerHex(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
