package cn.dsr.roster.bulk;

import java.util.List;

/** The two formats offices exchange rosters in. */
public enum FileFormat {
    CSV(FileFormat.CSV_TYPE, "csv"),
    XLSX(FileFormat.XLSX_TYPE, "xlsx");

    public static final String CSV_TYPE = "text/csv";
    public static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final String mediaType;
    private final String extension;

    FileFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The format of an upload by its content type (parameters such as charset ignored). */
    public static FileFormat ofMediaType(String contentType) {
        String type = contentType == null ? "" : contentType.split(";")[0].strip();
        for (FileFormat f : values()) {
            if (f.mediaType.equalsIgnoreCase(type)) return f;
        }
        throw new MalformedFile("send the file as " + CSV_TYPE + " or " + XLSX_TYPE);
    }

    Sheet read(byte[] bytes, int maxRows) {
        return this == CSV ? Csv.read(bytes, maxRows) : Xlsx.read(bytes, maxRows);
    }

    byte[] write(String title, List<String> header, List<List<String>> rows) {
        return this == CSV ? Csv.write(header, rows) : Xlsx.write(title, header, rows);
    }
}
