package cn.dsr.roster.report;

import cn.dsr.roster.entity.AsOf;
import cn.dsr.platform.refusal.Refused;
import java.time.Instant;
import java.time.LocalDate;

/** A calendar quarter in China Standard Time: from its first day 00:00 to the next quarter's. */
public record Quarter(int year, int quarter) {

    public Quarter {
        if (year < 2000 || year > 2100) throw Refused.invalid("year", "a year between 2000 and 2100");
        if (quarter < 1 || quarter > 4) throw Refused.invalid("quarter", "1 to 4");
    }

    public LocalDate firstDay() {
        return LocalDate.of(year, quarter * 3 - 2, 1);
    }

    public LocalDate lastDay() {
        return firstDay().plusMonths(3).minusDays(1);
    }

    public Instant start() {
        return firstDay().atStartOfDay(AsOf.CHINA).toInstant();
    }

    public Instant end() {
        return firstDay().plusMonths(3).atStartOfDay(AsOf.CHINA).toInstant();
    }

    public static Quarter of(LocalDate day) {
        return new Quarter(day.getYear(), (day.getMonthValue() + 2) / 3);
    }
}
