package cn.dsr.roster.bulk;

import cn.dsr.platform.refusal.Violation;
import java.time.LocalDate;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the typed values of one row, collecting a {@link RowError} for every cell that cannot be
 * read, so a row reports all its problems at once.
 */
final class Cells {

    /** Where the columns of a table are, by field. */
    record Layout(List<Column> columns, Map<String, Integer> index) {

        /** Finds each column in the header; a required one that is missing makes the file unusable. */
        static Layout of(List<Column> columns, List<String> header) {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                for (Column column : columns) {
                    if (column.namedBy(header.get(i))) {
                        if (index.putIfAbsent(column.field(), i) != null) {
                            throw new MalformedFile("column " + column.label() + " (" + column.field() + ") appears twice in the header");
                        }
                    }
                }
            }
            List<String> missing = columns.stream().filter(c -> c.required() && !index.containsKey(c.field()))
                    .map(c -> c.label() + " (" + c.field() + ")").toList();
            if (!missing.isEmpty()) throw new MalformedFile("the header lacks the required column(s) " + String.join(", ", missing));
            return new Layout(columns, index);
        }

        String label(String field) {
            return columns.stream().filter(c -> c.field().equals(field)).map(Column::label).findFirst().orElse(field);
        }
    }

    private final Sheet.Row row;
    private final Layout layout;
    private final List<RowError> errors = new ArrayList<>();

    Cells(Sheet.Row row, Layout layout) {
        this.row = row;
        this.layout = layout;
    }

    List<RowError> errors() {
        return errors;
    }

    void refuse(String field, String message) {
        errors.add(new RowError(row.number(), layout.label(field), field, message));
    }

    /** Adds the domain's refusals, each under the column of its field. */
    void refuse(Collection<Violation> violations) {
        violations.forEach(v -> refuse(v.field(), v.message()));
    }

    String text(String field) {
        Integer i = layout.index().get(field);
        if (i == null) return null;
        String value = row.cell(i).strip();
        return value.isEmpty() ? null : value;
    }

    <E extends Enum<E>> E choice(String field, Class<E> type) {
        String cell = text(field);
        if (cell == null) return null;
        E value = Labels.parse(type, cell);
        if (value == null) refuse(field, "'" + cell + "' is not one of " + Labels.accepted(type));
        return value;
    }

    <E extends Enum<E>> Set<E> choices(String field, Class<E> type) {
        Set<E> out = new LinkedHashSet<>();
        for (String part : parts(field)) {
            E value = Labels.parse(type, part);
            if (value == null) refuse(field, "'" + part + "' is not one of " + Labels.accepted(type));
            else out.add(value);
        }
        return out;
    }

    /** Free labels, separated as people separate them: ; ； 、 , ， or a line break. */
    Set<String> parts(String field) {
        String cell = text(field);
        Set<String> out = new LinkedHashSet<>();
        if (cell == null) return out;
        for (String part : cell.split("[;；、,，\\n]")) {
            if (!part.isBlank()) out.add(part.strip());
        }
        return out;
    }

    Boolean yesNo(String field) {
        String cell = text(field);
        if (cell == null) return null;
        return switch (cell.toLowerCase(Locale.ROOT)) {
            case "是", "y", "yes", "true", "1", "√" -> true;
            case "否", "n", "no", "false", "0" -> false;
            default -> {
                refuse(field, "'" + cell + "' is neither 是 nor 否");
                yield null;
            }
        };
    }

    /** ISO dates, the slashed and dotted forms offices type, 20240131, and Excel's day serials. */
    LocalDate date(String field) {
        String cell = text(field);
        if (cell == null) return null;
        try {
            if (cell.matches("\\d{1,5}")) return LocalDate.of(1899, 12, 30).plusDays(Long.parseLong(cell));
            if (cell.matches("\\d{8}")) return LocalDate.of(Integer.parseInt(cell.substring(0, 4)), Integer.parseInt(cell.substring(4, 6)),
                    Integer.parseInt(cell.substring(6)));
            String[] ymd = cell.replace('年', '-').replace('月', '-').replace("日", "").split("[-/.]");
            if (ymd.length == 3) return LocalDate.of(Integer.parseInt(ymd[0]), Integer.parseInt(ymd[1]), Integer.parseInt(ymd[2].strip()));
            return LocalDate.parse(cell);
        } catch (DateTimeException | NumberFormatException e) {
            refuse(field, "'" + cell + "' is not a date (2024-01-31)");
            return null;
        }
    }

    UUID uuid(String field) {
        String cell = text(field);
        if (cell == null) return null;
        try {
            return UUID.fromString(cell);
        } catch (IllegalArgumentException e) {
            refuse(field, "'" + cell + "' is not an id exported from the roster");
            return null;
        }
    }
}
