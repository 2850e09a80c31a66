package cn.dsr.disclosure.result;

import static cn.dsr.disclosure.result.PublicationState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.dsr.disclosure.result.Publication.Change;
import cn.dsr.disclosure.result.Publication.Decision;
import cn.dsr.disclosure.result.Publication.Prior;
import cn.dsr.workingdays.WorkingDays;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PublicationTest {

    static final WorkingDays CALENDAR = WorkingDays.official();
    static final DisclosurePolicy NO_REVIEW = DisclosurePolicy.DEFAULT;
    static final DisclosurePolicy REVIEW = new DisclosurePolicy(20, true);
    static final LocalDate INSPECTED = LocalDate.of(2026, 4, 20); // a Monday before 劳动节

    static InspectionResult result(int version, Confidentiality... grounds) {
        return new InspectionResult("T-1", version, "411622", new InspectionResult.Entity("91411622MA44AB1X2K", "某化工有限公司", "411622"),
                "D-1", "2026Q2", true, INSPECTED, null, Conclusion.NO_PROBLEM, List.of(), Set.of(grounds));
    }

    @Test
    void the_deadline_is_twenty_working_days_after_the_inspection_skipping_the_labour_day_holiday() {
        // 2026: 5 月 1–5 日 off, 5 月 9 日 (Saturday) a makeup working day
        assertThat(Publication.dueDate(INSPECTED, "2026Q2", NO_REVIEW, CALENDAR)).isEqualTo(LocalDate.of(2026, 5, 20));
        assertThat(Publication.dueDate(INSPECTED, "2026Q2", new DisclosurePolicy(7, false), CALENDAR)).isEqualTo(LocalDate.of(2026, 4, 29));
    }

    @Test
    void without_review_a_result_is_public_as_soon_as_it_is_submitted() {
        Decision d = Publication.receive(result(1), List.of(), NO_REVIEW, CALENDAR, INSPECTED);
        assertThat(d.state()).isEqualTo(PUBLISHED);
        assertThat(d.due()).isEqualTo(LocalDate.of(2026, 5, 20));
    }

    @Test
    void with_review_a_result_waits_and_is_published_automatically_on_its_due_date() {
        Decision d = Publication.receive(result(1), List.of(), REVIEW, CALENDAR, INSPECTED.plusDays(1));
        assertThat(d.state()).isEqualTo(AWAITING_REVIEW);
        assertThat(Publication.dueForAutoPublication(d.due(), d.due().minusDays(1))).isFalse();
        assertThat(Publication.dueForAutoPublication(d.due(), d.due())).isTrue();
        assertThat(Publication.publish(1, List.of(new Prior(1, AWAITING_REVIEW)))).containsExactly(new Change(1, PUBLISHED));
    }

    @Test
    void a_result_submitted_on_or_after_its_due_date_is_never_held_for_review() {
        LocalDate due = Publication.dueDate(INSPECTED, "2026Q2", REVIEW, CALENDAR);
        assertThat(Publication.receive(result(1), List.of(), REVIEW, CALENDAR, due).state()).isEqualTo(PUBLISHED);
        assertThat(Publication.onTime(due, due)).isTrue();
        assertThat(Publication.onTime(due, due.plusDays(1))).isFalse();
    }

    @Test
    void an_amendment_publishes_a_new_version_and_the_old_one_stays_visible_as_superseded() {
        Decision d = Publication.receive(result(2), List.of(new Prior(1, PUBLISHED)), NO_REVIEW, CALENDAR, INSPECTED.plusDays(30));
        assertThat(d.state()).isEqualTo(PUBLISHED);
        assertThat(d.earlier()).containsExactly(new Change(1, SUPERSEDED));
        assertThat(SUPERSEDED.visible()).isTrue();
    }

    @Test
    void an_amendment_under_review_leaves_the_old_version_current_until_it_is_published() {
        Decision d = Publication.receive(result(2), List.of(new Prior(1, PUBLISHED)), REVIEW, CALENDAR, INSPECTED.plusDays(2));
        assertThat(d.state()).isEqualTo(AWAITING_REVIEW);
        assertThat(d.earlier()).isEmpty();
        assertThat(Publication.publish(2, List.of(new Prior(1, PUBLISHED), new Prior(2, AWAITING_REVIEW))))
                .containsExactly(new Change(2, PUBLISHED), new Change(1, SUPERSEDED));
    }

    @Test
    void a_version_still_awaiting_review_when_an_amendment_arrives_is_discarded_unpublished() {
        Decision d = Publication.receive(result(2), List.of(new Prior(1, AWAITING_REVIEW)), REVIEW, CALENDAR, INSPECTED.plusDays(2));
        assertThat(d.earlier()).containsExactly(new Change(1, DISCARDED));
        assertThat(DISCARDED.visible()).isFalse();
    }

    @Test
    void a_national_secret_is_withheld_and_an_amendment_declaring_one_withdraws_the_public_version() {
        assertThat(Publication.receive(result(1, Confidentiality.NATIONAL_SECRET), List.of(), NO_REVIEW, CALENDAR, INSPECTED).state())
                .isEqualTo(WITHHELD);
        Decision d = Publication.receive(result(2, Confidentiality.NATIONAL_SECRET), List.of(new Prior(1, PUBLISHED)), NO_REVIEW, CALENDAR, INSPECTED);
        assertThat(d.state()).isEqualTo(WITHHELD);
        assertThat(d.earlier()).containsExactly(new Change(1, WITHDRAWN));
    }

    @Test
    void versions_arrive_in_order_and_only_waiting_versions_are_published_by_review() {
        assertThatThrownBy(() -> Publication.receive(result(1), List.of(new Prior(1, PUBLISHED)), NO_REVIEW, CALENDAR, INSPECTED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Publication.publish(1, List.of(new Prior(1, PUBLISHED)))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_bureau_following_000_publishes_a_late_visit_within_ten_working_days_after_its_quarter_ends() {
        DisclosurePolicy seed000 = new DisclosurePolicy(20, false, 10);
        // 2026Q1 ends on Tuesday 31 March; 清明 4–6 April off: the tenth working day after is 15 April,
        // before the twentieth working day after a visit on 25 March (23 April)
        assertThat(Publication.dueDate(LocalDate.of(2026, 3, 25), "2026Q1", NO_REVIEW, CALENDAR)).isEqualTo(LocalDate.of(2026, 4, 23));
        assertThat(Publication.dueDate(LocalDate.of(2026, 3, 25), "2026Q1", seed000, CALENDAR)).isEqualTo(LocalDate.of(2026, 4, 15));
        // an early visit of the quarter keeps its twenty working days, which end well before
        assertThat(Publication.dueDate(LocalDate.of(2026, 1, 5), "2026Q1", seed000, CALENDAR))
                .isEqualTo(Publication.dueDate(LocalDate.of(2026, 1, 5), "2026Q1", NO_REVIEW, CALENDAR));
    }

    @Test
    void in_a_year_the_calendar_does_not_know_yet_weekdays_are_counted() {
        // 2099-12-28 is a Monday: 7 weekdays later is Wednesday 2100-01-06
        assertThat(Publication.dueDate(LocalDate.of(2099, 12, 28), "2099Q4", new DisclosurePolicy(7, false), CALENDAR)).isEqualTo(LocalDate.of(2100, 1, 6));
    }

    @Test
    void the_policy_refuses_deadlines_outside_reason() {
        assertThatThrownBy(() -> new DisclosurePolicy(0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DisclosurePolicy(20, false, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
