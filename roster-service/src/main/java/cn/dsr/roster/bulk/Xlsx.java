package cn.dsr.roster.bulk;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * Office Open XML workbooks (.xlsx), streamed. Only the first sheet is read; every cell becomes
 * text (numbers without a trailing ".0"; a date cell arrives as its serial number, which the
 * date columns accept). Exports write every value as text, so codes keep their leading zeros.
 */
public final class Xlsx {

    private Xlsx() {}

    public static Sheet read(byte[] bytes, int maxRows) {
        if (ReadableWorkbook.isOLE2Header(bytes)) {
            throw new MalformedFile("this is a legacy .xls workbook: save it as .xlsx (Excel 2007 or later) or CSV");
        }
        if (!ReadableWorkbook.isOOXMLZipHeader(bytes)) throw new MalformedFile("not an .xlsx workbook (no Office Open XML zip header)");
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes));
             Stream<Row> stream = workbook.getFirstSheet().openStream()) {
            Iterator<Row> it = stream.iterator();
            List<String> header = null;
            List<Sheet.Row> rows = new ArrayList<>();
            while (it.hasNext()) {
                Row row = it.next();
                List<String> cells = cells(row);
                if (header == null) {
                    header = cells;
                } else if (cells.stream().anyMatch(c -> !c.isBlank())) {
                    if (rows.size() == maxRows) throw new TooLarge("more than " + maxRows + " rows");
                    rows.add(new Sheet.Row(row.getRowNum(), cells));
                }
            }
            if (header == null) throw new MalformedFile("the first sheet is empty: its first row must name the columns");
            return new Sheet(header, rows);
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedFile || e instanceof TooLarge) throw (RuntimeException) e;
            throw new MalformedFile("the workbook cannot be read: " + e.getMessage());
        }
    }

    /** One sheet of a workbook to write. */
    public record Tab(String name, List<String> header, List<List<String>> rows) {}

    public static byte[] write(String sheetName, List<String> header, List<List<String>> rows) {
        return write(List.of(new Tab(sheetName, header, rows)));
    }

    public static byte[] write(List<Tab> tabs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "dsr roster", "1.0");
            for (Tab tab : tabs) {
                Worksheet sheet = workbook.newWorksheet(tab.name());
                for (int c = 0; c < tab.header().size(); c++) {
                    sheet.value(0, c, tab.header().get(c));
                    sheet.style(0, c).bold().set();
                }
                for (int r = 0; r < tab.rows().size(); r++) {
                    List<String> cells = tab.rows().get(r);
                    for (int c = 0; c < cells.size(); c++) {
                        if (cells.get(c) != null && !cells.get(c).isEmpty()) sheet.value(r + 1, c, cells.get(c));
                    }
                }
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static List<String> cells(Row row) {
        List<String> cells = new ArrayList<>(row.getCellCount());
        for (int c = 0; c < row.getCellCount(); c++) {
            Cell cell = row.getCell(c);
            cells.add(cell == null ? "" : text(cell));
        }
        return cells;
    }

    private static String text(Cell cell) {
        return switch (cell.getType()) {
            case NUMBER -> {
                BigDecimal n = cell.asNumber();
                yield n == null ? "" : n.stripTrailingZeros().toPlainString();
            }
            case BOOLEAN -> String.valueOf(cell.asBoolean());
            case EMPTY -> "";
            default -> cell.getText() == null ? "" : cell.getText();
        };
    }
}
