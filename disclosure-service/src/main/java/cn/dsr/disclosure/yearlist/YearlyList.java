package cn.dsr.disclosure.yearlist;

import java.time.LocalDate;
import java.time.MonthDay;

/**
 * The yearly list of entities under random inspection (年度随机抽查对象名录, 000): each bureau
 * publishes it for the year by the end of January. The list is the bureau's active roster
 * entries at the time of publication.
 */
public final class YearlyList {

    private static final MonthDay DUE = MonthDay.of(1, 31);

    private YearlyList() {}

    public static LocalDate dueDate(int year) {
        return DUE.atYear(year);
    }

    public static boolean onTime(int year, LocalDate publishedOn) {
        return !publishedOn.isAfter(dueDate(year));
    }

    /** Not yet published and past its due date: what the detachment presses for (督办). */
    public static boolean overdue(int year, LocalDate today, boolean published) {
        return !published && today.isAfter(dueDate(year));
    }

    /** Only roster entries in operation are inspected at random. */
    public static boolean listed(String status) {
        return "ACTIVE".equals(status);
    }
}
