package cn.dsr.roster.bulk;

import java.util.List;

/** A table read from a file: its header and its non-empty rows, numbered as a spreadsheet shows them. */
public record Sheet(List<String> header, List<Row> rows) {

    /** {@code number}: the row as the user sees it (the header is row 1). */
    public record Row(int number, List<String> cells) {
        public String cell(int index) {
            return index < cells.size() ? cells.get(index) : "";
        }
    }
}
