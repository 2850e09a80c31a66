package cn.dsr.inspection.calendar;

import cn.dsr.platform.metrics.RefreshedGauge;
import cn.dsr.workingdays.WorkingDays;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code dsr.inspection.calendar.days.left}: days from today to the last day the working-day
 * calendar knows. A record whose deadline falls beyond it is refused until a city coordinator adds
 * the State Council's notice for the next year (an unknown year is never guessed); the alert
 * {@code WorkingDayCalendarEnding} says so months before inspectors meet the refusal.
 */
@Component
class CalendarGauge extends RefreshedGauge {

    CalendarGauge(CalendarService calendar, Clock clock, MeterRegistry meters,
                  @Value("${dsr.inspection.calendar-refresh:PT1H}") Duration every) {
        super(MultiGauge.builder("dsr.inspection.calendar.days.left")
                        .description("days from today to the last day of the last year the working-day calendar knows").register(meters),
                every, () -> calendar.current().map(known -> List.of(MultiGauge.Row.of(Tags.empty(), daysLeft(known, LocalDate.now(clock))))));
    }

    static long daysLeft(WorkingDays calendar, LocalDate today) {
        return ChronoUnit.DAYS.between(today, LocalDate.of(calendar.years().last(), 12, 31));
    }
}
