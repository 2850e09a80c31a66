package cn.dsr.workingdays;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One year's holiday notice (国务院办公厅关于某年部分节假日安排的通知): the dates it sets apart
 * and where it was published. Read and written in the holiday-cn JSON format, so the bundled
 * files and the years an administrator adds have one shape.
 */
public record HolidayNotice(int year, List<String> papers, List<Adjustment> days) {

    /** A reason a notice is refused, naming the offending field as in the JSON. */
    public record Problem(String field, String message) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public HolidayNotice {
        papers = papers == null ? List.of() : List.copyOf(papers);
        days = days == null ? List.of() : List.copyOf(days);
        List<Problem> problems = problems(year, days);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.get(0).field() + ": " + problems.get(0).message());
        }
    }

    /**
     * Every reason these days cannot be a notice for the year. A notice may reach a little into a
     * neighbouring year (2023's New Year holiday starts on 2022-12-31); a month either side, no further.
     */
    public static List<Problem> problems(int year, List<Adjustment> days) {
        List<Problem> out = new ArrayList<>();
        if (year < 1999 || year > 2999) out.add(new Problem("year", "must be a year from 1999 on"));
        if (days == null || days.isEmpty()) {
            out.add(new Problem("days", "a notice sets apart at least one day"));
            return out;
        }
        LocalDate first = LocalDate.of(Math.max(year, 1999), 1, 1).minusMonths(1);
        LocalDate last = LocalDate.of(Math.max(year, 1999), 12, 31).plusMonths(1);
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < days.size(); i++) {
            Adjustment day = days.get(i);
            if (day == null) {
                out.add(new Problem("days[" + i + "]", "is required"));
            } else if (day.date().isBefore(first) || day.date().isAfter(last)) {
                out.add(new Problem("days[" + i + "].date", day.date() + " is not in or next to " + year));
            } else if (!seen.add(day.date())) {
                out.add(new Problem("days[" + i + "].date", day.date() + " is listed twice"));
            } else if (day.name() == null) {
                out.add(new Problem("days[" + i + "].name", "names the holiday (e.g. 春节)"));
            }
        }
        return out;
    }

    /** Reads one file of the holiday-cn data set ({@code year}, {@code papers}, {@code days}). */
    public static HolidayNotice read(InputStream in) {
        try {
            return fromJson(JSON.readTree(in));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a holiday-cn JSON document: " + e.getOriginalMessage(), e);
        }
    }

    public static HolidayNotice read(byte[] json) {
        try {
            return fromJson(JSON.readTree(json));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a holiday-cn JSON document: " + e.getOriginalMessage(), e);
        }
    }

    private static HolidayNotice fromJson(JsonNode root) {
        if (root == null || !root.isObject() || !root.path("year").isInt() || !root.path("days").isArray()) {
            throw new IllegalArgumentException("a holiday-cn document has an integer 'year' and an array 'days'");
        }
        List<String> papers = new ArrayList<>();
        root.path("papers").forEach(p -> papers.add(p.asString()));
        List<Adjustment> days = new ArrayList<>();
        for (JsonNode day : root.path("days")) {
            if (!day.path("isOffDay").isBoolean()) {
                throw new IllegalArgumentException("days[" + days.size() + "].isOffDay must be true or false");
            }
            try {
                days.add(new Adjustment(LocalDate.parse(day.path("date").asString()), day.path("isOffDay").asBoolean(),
                        day.path("name").asString(null)));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("days[" + days.size() + "].date must be a date like 2026-10-01");
            }
        }
        return new HolidayNotice(root.path("year").asInt(), papers, days);
    }

    /** The notice in the holiday-cn format, as it is stored. */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("year", year);
        ArrayNode paperNodes = root.putArray("papers");
        papers.forEach(paperNodes::add);
        ArrayNode dayNodes = root.putArray("days");
        for (Adjustment day : days) {
            dayNodes.addObject().put("name", day.name()).put("date", day.date().toString()).put("isOffDay", day.offDay());
        }
        return JSON.writeValueAsBytes(root);
    }

    static HolidayNotice bundled(String resource) {
        try (InputStream in = HolidayNotice.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("bundled calendar file missing: " + resource);
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
