package cn.dsr.inspection.evidence;

import cn.dsr.platform.refusal.Refused;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which files are accepted as evidence and how large they may be. A file is taken only if its
 * declared type is on the list and its first bytes are that type's signature, so a renamed
 * executable is not archived as a photo.
 */
public record EvidencePolicy(Map<EvidenceKind, Long> maxBytes) {

    private static final long MB = 1024 * 1024;
    public static final EvidencePolicy DEFAULT = new EvidencePolicy(Map.of(
            EvidenceKind.PHOTO, 10 * MB, EvidenceKind.DOCUMENT, 20 * MB, EvidenceKind.AUDIO, 30 * MB, EvidenceKind.VIDEO, 50 * MB));

    /** The bytes a signature check needs. */
    public static final int HEAD = 12;

    private record Accepted(EvidenceKind kind, Signature signature) {}

    private interface Signature {
        boolean matches(byte[] head);
    }

    private static final Map<String, Accepted> TYPES = Map.of(
            "image/jpeg", new Accepted(EvidenceKind.PHOTO, prefix(0xFF, 0xD8, 0xFF)),
            "image/png", new Accepted(EvidenceKind.PHOTO, prefix(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)),
            "image/heic", new Accepted(EvidenceKind.PHOTO, EvidencePolicy::isoMedia),
            "application/pdf", new Accepted(EvidenceKind.DOCUMENT, prefix('%', 'P', 'D', 'F', '-')),
            "audio/mpeg", new Accepted(EvidenceKind.AUDIO, head -> startsWith(head, "ID3") || head.length > 1
                    && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0),
            "audio/mp4", new Accepted(EvidenceKind.AUDIO, EvidencePolicy::isoMedia),
            "audio/amr", new Accepted(EvidenceKind.AUDIO, head -> startsWith(head, "#!AMR")),
            "audio/wav", new Accepted(EvidenceKind.AUDIO, head -> startsWith(head, "RIFF") && head.length >= 12
                    && new String(head, 8, 4, StandardCharsets.ISO_8859_1).equals("WAVE")),
            "video/mp4", new Accepted(EvidenceKind.VIDEO, EvidencePolicy::isoMedia),
            "video/quicktime", new Accepted(EvidenceKind.VIDEO, EvidencePolicy::isoMedia));

    public EvidencePolicy {
        maxBytes = Map.copyOf(new EnumMap<>(maxBytes));
    }

    /** The kind of evidence a declared content type is, or a refusal naming the accepted types. */
    public EvidenceKind kindOf(String contentType) {
        Accepted accepted = contentType == null ? null : TYPES.get(base(contentType));
        if (accepted == null) {
            throw Refused.invalid("file", "type " + contentType + " is not accepted as evidence; accepted: "
                    + String.join(", ", TYPES.keySet().stream().sorted().toList()));
        }
        return accepted.kind();
    }

    public long limit(EvidenceKind kind) {
        return maxBytes.get(kind);
    }

    /** Refuses a file whose size exceeds its kind's limit. */
    public void requireWithinLimit(EvidenceKind kind, long size) {
        if (size > limit(kind)) {
            throw Refused.tooLarge("file", kind + " evidence is at most " + limit(kind) / MB + " MB");
        }
        if (size == 0) throw Refused.invalid("file", "is empty");
    }

    /** Refuses a file whose first bytes are not its declared type's. */
    public void requireSignature(String contentType, byte[] head) {
        if (!TYPES.get(base(contentType)).signature().matches(head)) {
            throw Refused.invalid("file", "the content is not " + base(contentType));
        }
    }

    public Optional<String> normalized(String contentType) {
        return Optional.ofNullable(contentType).map(EvidencePolicy::base).filter(TYPES::containsKey);
    }

    private static String base(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static Signature prefix(int... bytes) {
        return head -> head.length >= bytes.length
                && Arrays.equals(Arrays.copyOf(head, bytes.length), toBytes(bytes));
    }

    private static byte[] toBytes(int[] values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (byte) values[i];
        return out;
    }

    private static boolean startsWith(byte[] head, String ascii) {
        byte[] wanted = ascii.getBytes(StandardCharsets.ISO_8859_1);
        return head.length >= wanted.length && Arrays.equals(Arrays.copyOf(head, wanted.length), wanted);
    }

    /** MP4, MOV, M4A and HEIC are ISO base media files: a box size, then 'ftyp'. */
    private static boolean isoMedia(byte[] head) {
        return head.length >= 8 && new String(head, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp");
    }
}
