package cn.dsr.disclosure.settings;

import cn.dsr.disclosure.result.DisclosurePolicy;
import cn.dsr.disclosure.result.ResultBook;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.Roles;
import cn.dsr.platform.tenant.TenantTx;
import cn.dsr.platform.web.ProblemException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A bureau's disclosure settings: the deadline in working days after the inspection, optionally
 * also after the end of the quarter (000: 10), and whether results pass a review first.
 */
@RestController
@RequestMapping("/api/disclosure/settings")
public class SettingsController {

    private final TenantTx tx;

    public SettingsController(TenantTx tx) {
        this.tx = tx;
    }

    public record Settings(Integer deadlineWorkingDays, Boolean reviewRequired, Integer afterQuarterWorkingDays) {

        static Settings of(DisclosurePolicy p) {
            return new Settings(p.deadlineWorkingDays(), p.reviewRequired(), p.afterQuarterWorkingDays());
        }
    }

    @GetMapping
    public Mono<Settings> get() {
        return CurrentUser.current().flatMap(user -> tx.inTenant(user.tenant(), db -> ResultBook.policy(db, user.tenant())))
                .map(Settings::of);
    }

    /** Set by the bureau's head (分管领导); applies to results received from now on. */
    @PutMapping
    public Mono<Settings> put(@RequestBody Settings body) {
        List<ProblemException.FieldViolation> violations = new ArrayList<>();
        if (body.deadlineWorkingDays() == null || body.deadlineWorkingDays() < 1 || body.deadlineWorkingDays() > 60) {
            violations.add(new ProblemException.FieldViolation("deadlineWorkingDays", "a number of working days between 1 and 60"));
        }
        if (body.reviewRequired() == null) violations.add(new ProblemException.FieldViolation("reviewRequired", "true or false"));
        if (body.afterQuarterWorkingDays() != null && (body.afterQuarterWorkingDays() < 1 || body.afterQuarterWorkingDays() > 60)) {
            violations.add(new ProblemException.FieldViolation("afterQuarterWorkingDays", "a number of working days between 1 and 60, or absent"));
        }
        if (!violations.isEmpty()) return Mono.error(ProblemException.invalid(violations));
        DisclosurePolicy policy = new DisclosurePolicy(body.deadlineWorkingDays(), body.reviewRequired(), body.afterQuarterWorkingDays());
        return CurrentUser.current().flatMap(user -> user.require(Roles.DISTRICT_HEAD)).flatMap(user -> tx.inTenant(user.tenant(), db -> db.sql("""
                        INSERT INTO disclosure_settings (tenant, deadline_working_days, review_required, after_quarter_working_days, updated_by)
                        VALUES (:tenant, :days, :review, :afterQuarter, :by)
                        ON CONFLICT (tenant) DO UPDATE SET deadline_working_days = excluded.deadline_working_days,
                               review_required = excluded.review_required, after_quarter_working_days = excluded.after_quarter_working_days,
                               updated_by = excluded.updated_by, updated_at = now()""")
                .bind("tenant", user.tenant()).bind("days", policy.deadlineWorkingDays()).bind("review", policy.reviewRequired())
                .bind("afterQuarter", Parameter.fromOrEmpty(policy.afterQuarterWorkingDays(), Integer.class))
                .bind("by", user.username() == null ? user.subject() : user.username()).then()))
                .thenReturn(Settings.of(policy));
    }
}
