package cn.dsr.roster.entity;

import cn.dsr.platform.refusal.Refused;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A point in the roster's past: a tenant roster revision, or a moment. A bare date means the end
 * of that day in China Standard Time, which is how a plan says "as of 31 December".
 */
public record AsOf(Long revision, Instant before) {  // before: exclusive

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    public static final AsOf NOW = new AsOf(null, null);

    public boolean isNow() {
        return revision == null && before == null;
    }

    /** Parses the two query parameters {@code asOfRevision} and {@code asOf}. */
    public static AsOf parse(Long revision, String moment) {
        if (revision != null && moment != null) throw Refused.invalid("asOf", "give a revision or a date, not both");
        if (revision != null && revision < 0) throw Refused.invalid("asOfRevision", "must be 0 or more");
        if (moment == null) return new AsOf(revision, null);
        try {
            if (moment.length() == 10) return new AsOf(null, LocalDate.parse(moment).plusDays(1).atStartOfDay(CHINA).toInstant());
            return new AsOf(null, OffsetDateTime.parse(moment).toInstant().plus(1, ChronoUnit.MICROS));
        } catch (DateTimeParseException e) {
            throw Refused.invalid("asOf", "a date (2024-03-31) or a date-time with offset (2024-03-31T18:00:00+08:00)");
        }
    }
}
