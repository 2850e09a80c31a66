package cn.dsr.disclosure;

import cn.dsr.platform.events.Topic;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics disclosure-service reads, the external feed it writes, and its clock. */
@Configuration(proxyBeanMethods = false)
public class DisclosureEvents {

    public static final Topic PLANS = Topic.stream("draw.plans.v1");
    public static final Topic DRAWS = Topic.stream("draw.draws.v1");
    public static final Topic RECORDS = Topic.stream("inspection.records.v1");
    public static final Topic FOLLOW_UP = Topic.stream("inspection.follow-up.v1");
    public static final Topic ENTITIES = Topic.state("roster.entities.v1");

    public static final String PLAN_PUBLISHED_IN = "cn.gov.mee.dsr.draw.plan-published.v1";
    public static final String DRAW_SCHEDULED = "cn.gov.mee.dsr.draw.scheduled.v1";
    public static final String DRAW_EXECUTED = "cn.gov.mee.dsr.draw.executed.v1";
    public static final String DRAW_CANCELLED = "cn.gov.mee.dsr.draw.cancelled.v1";
    public static final String SUBMITTED = "cn.gov.mee.dsr.inspection.submitted.v1";
    public static final String AMENDED = "cn.gov.mee.dsr.inspection.amended.v1";
    public static final String RECTIFICATION_UPDATED = "cn.gov.mee.dsr.inspection.rectification-updated.v1";
    public static final String CASE_OPENED = "cn.gov.mee.dsr.inspection.case-opened.v1";
    public static final String CASE_TRANSFERRED = "cn.gov.mee.dsr.inspection.case-transferred.v1";
    public static final String ENTITY_STATE = "cn.gov.mee.dsr.roster.entity.state.v1";

    @Bean
    Clock clock() {
        return Clock.system(Quarter.CHINA);
    }
}
