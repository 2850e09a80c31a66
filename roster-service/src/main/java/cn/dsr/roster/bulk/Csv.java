package cn.dsr.roster.bulk;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV. Reads UTF-8 (with or without the BOM Excel writes) and, failing that, GB18030,
 * which is what Excel on a Chinese Windows saves as "CSV"; writes UTF-8 with a BOM so Excel opens
 * the export with the right characters.
 */
public final class Csv {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Csv() {}

    public static Sheet read(byte[] bytes, int maxRows) {
        List<List<String>> records = parse(decode(bytes), maxRows + 1);
        if (records.isEmpty()) throw new MalformedFile("the file is empty: the first line must name the columns");
        List<Sheet.Row> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> cells = records.get(i);
            if (cells.stream().anyMatch(c -> !c.isBlank())) rows.add(new Sheet.Row(i + 1, cells));
        }
        return new Sheet(records.get(0), rows);
    }

    public static byte[] write(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        line(out, header);
        rows.forEach(r -> line(out, r));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(out.length() * 2 + 3);
        bytes.writeBytes(BOM);
        bytes.writeBytes(out.toString().getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    static String decode(byte[] bytes) {
        int start = bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2] ? 3 : 0;
        try {
            return strict(StandardCharsets.UTF_8, bytes, start);
        } catch (CharacterCodingException notUtf8) {
            try {
                return strict(Charset.forName("GB18030"), bytes, start);
            } catch (CharacterCodingException neither) {
                throw new MalformedFile("the file is neither UTF-8 nor GB18030 text");
            }
        }
    }

    private static String strict(Charset charset, byte[] bytes, int start) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
    }

    /** Splits text into records; stops once {@code limit} records are read (the caller refuses more). */
    static List<List<String>> parse(String text, int limit) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int quoteLine = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') line++;
                    field.append(c);
                }
            } else if (c == '"') {
                if (fieldStarted && !field.isEmpty()) throw new MalformedFile("line " + line + ": a quote inside an unquoted field");
                quoted = true;
                fieldStarted = true;
                quoteLine = line;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
                records.add(record);
                if (records.size() > limit) throw new TooLarge("more than " + (limit - 1) + " rows");
                record = new ArrayList<>();
                line++;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (quoted) throw new MalformedFile("line " + quoteLine + ": a quoted field is never closed");
        if (fieldStarted || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
            if (records.size() > limit) throw new TooLarge("more than " + (limit - 1) + " rows");
        }
        return records;
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.append(',');
            String cell = cells.get(i) == null ? "" : cells.get(i);
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
                out.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                out.append(cell);
            }
        }
        out.append("\r\n");
    }
}
