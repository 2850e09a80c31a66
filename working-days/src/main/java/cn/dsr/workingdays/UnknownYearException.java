package cn.dsr.workingdays;

/**
 * A date falls in a year whose official calendar is not known. Holidays and 调休 days move every
 * year, so counting working days there would be a guess; the year's notice must be added first.
 */
public class UnknownYearException extends RuntimeException {

    private final int year;

    public UnknownYearException(int year) {
        super("no official working-day calendar for " + year
                + ": the State Council's holiday notice for that year has not been added", null, false, false);
        this.year = year;
    }

    public int year() {
        return year;
    }
}
