package cn.dsr.disclosure.result;

import cn.dsr.disclosure.Quarter;
import cn.dsr.workingdays.UnknownYearException;
import cn.dsr.workingdays.WorkingDays;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a result version becomes public, and what happens to the versions before it.
 *
 * <p>The deadline counts working days from the inspection date (002, 004: 检查结束后 20 个工作日内
 * 公开). Without review a version is public as soon as it is received; with review it waits for
 * the reviewer, and is published automatically on its due date if nobody acted. A version that
 * arrives on or after its due date is published at once: a review must never make it later.
 *
 * <p>An amendment (更正) publishes a new version; the version public until then stays visible,
 * marked superseded. If the new version is a national secret, the public one is withdrawn.
 */
public final class Publication {

    private Publication() {}

    /** The stored state of an earlier version of the same result. */
    public record Prior(int version, PublicationState state) {}

    /** A state change to apply to one version. */
    public record Change(int version, PublicationState to) {}

    /** What receiving a version means: its own state, its due date, and the changes to earlier versions. */
    public record Decision(PublicationState state, LocalDate due, List<Change> earlier) {

        public boolean publishedNow() {
            return state == PublicationState.PUBLISHED;
        }
    }

    /**
     * The last day to publish: the policy's working days after the inspection, or, where the policy
     * also counts from the end of the quarter (000), that date if it comes first.
     */
    public static LocalDate dueDate(LocalDate inspectionDate, String period, DisclosurePolicy policy, WorkingDays calendar) {
        LocalDate due = workingDaysAfter(inspectionDate, policy.deadlineWorkingDays(), calendar);
        if (policy.afterQuarterWorkingDays() != null && Quarter.valid(period)) {
            LocalDate afterQuarter = workingDaysAfter(Quarter.lastDay(period), policy.afterQuarterWorkingDays(), calendar);
            if (afterQuarter.isBefore(due)) due = afterQuarter;
        }
        return due;
    }

    /**
     * Where the calendar does not know a year yet (the State Council publishes it each winter),
     * Monday to Friday are counted: never later than the real deadline, since holidays only push it back.
     */
    private static LocalDate workingDaysAfter(LocalDate start, int days, WorkingDays calendar) {
        try {
            return calendar.addWorkingDays(start, days);
        } catch (UnknownYearException e) {
            LocalDate day = start;
            for (int counted = 0; counted < days; ) {
                day = day.plusDays(1);
                if (day.getDayOfWeek().getValue() <= 5) counted++;
            }
            return day;
        }
    }

    public static Decision receive(InspectionResult result, List<Prior> priors, DisclosurePolicy policy,
                                   WorkingDays calendar, LocalDate today) {
        LocalDate due = dueDate(result.inspectionDate(), result.period(), policy, calendar);
        PublicationState state;
        if (result.nationalSecret()) state = PublicationState.WITHHELD;
        else if (policy.reviewRequired() && today.isBefore(due)) state = PublicationState.AWAITING_REVIEW;
        else state = PublicationState.PUBLISHED;

        List<Change> earlier = new ArrayList<>();
        for (Prior prior : priors) {
            if (prior.version() >= result.version()) {
                throw new IllegalArgumentException("version " + result.version() + " is not newer than version " + prior.version());
            }
            if (prior.state() == PublicationState.AWAITING_REVIEW) {
                earlier.add(new Change(prior.version(), PublicationState.DISCARDED));
            } else if (prior.state() == PublicationState.PUBLISHED) {
                if (state == PublicationState.WITHHELD) earlier.add(new Change(prior.version(), PublicationState.WITHDRAWN));
                else if (state == PublicationState.PUBLISHED) earlier.add(new Change(prior.version(), PublicationState.SUPERSEDED));
                // awaiting review: the old version stays current until the new one is published
            }
        }
        return new Decision(state, due, List.copyOf(earlier));
    }

    /**
     * Publishing a version that waited for review (by the reviewer, or on its due date): the
     * version public until then becomes superseded.
     */
    public static List<Change> publish(int version, List<Prior> priors) {
        Optional<Prior> waiting = priors.stream().filter(p -> p.version() == version).findFirst();
        if (waiting.isEmpty() || waiting.get().state() != PublicationState.AWAITING_REVIEW) {
            throw new IllegalStateException("version " + version + " is not awaiting review");
        }
        List<Change> changes = new ArrayList<>();
        changes.add(new Change(version, PublicationState.PUBLISHED));
        priors.stream().filter(p -> p.state() == PublicationState.PUBLISHED && p.version() < version)
                .forEach(p -> changes.add(new Change(p.version(), PublicationState.SUPERSEDED)));
        return List.copyOf(changes);
    }

    /** Whether a waiting version is published automatically today. */
    public static boolean dueForAutoPublication(LocalDate due, LocalDate today) {
        return !today.isBefore(due);
    }

    /** Published on or before its due date (公开及时). */
    public static boolean onTime(LocalDate due, LocalDate publishedOn) {
        return !publishedOn.isAfter(due);
    }
}
