package cn.dsr.disclosure;

import java.time.LocalDate;
import java.time.ZoneId;

/** Quarters as the suite names them ({@code 2026Q1}), and the Beijing date everything is dated by. */
public final class Quarter {

    /** Inspection, due and publication dates are Beijing dates, whatever the server's zone. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    public static final String PATTERN = "[0-9]{4}Q[1-4]";

    private Quarter() {}

    public static String of(LocalDate date) {
        return date.getYear() + "Q" + ((date.getMonthValue() - 1) / 3 + 1);
    }

    public static boolean valid(String period) {
        return period != null && period.matches(PATTERN);
    }

    public static int year(String period) {
        return Integer.parseInt(period.substring(0, 4));
    }

    public static LocalDate firstDay(String period) {
        return LocalDate.of(year(period), (period.charAt(5) - '1') * 3 + 1, 1);
    }

    public static LocalDate lastDay(String period) {
        return firstDay(period).plusMonths(3).minusDays(1);
    }
}
