package cn.dsr.inspection;

import cn.dsr.platform.events.EventType;
import cn.dsr.platform.events.Topic;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics inspection-service owns and consumes, the event types it publishes, and its clock. */
@Configuration(proxyBeanMethods = false)
public class InspectionEvents {

    /** Dates of inspections and deadlines are Beijing dates, whatever the server's zone. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public static final Topic DRAWS = Topic.stream("draw.draws.v1");
    public static final Topic ROSTER_INSPECTORS = Topic.state("roster.inspectors.v1");
    public static final Topic RECORDS = Topic.stream("inspection.records.v1");
    public static final Topic FOLLOW_UP = Topic.stream("inspection.follow-up.v1");

    public static final String DRAW_EXECUTED = "cn.gov.mee.dsr.draw.executed.v1";
    public static final String INSPECTOR_REPLACED = "cn.gov.mee.dsr.draw.inspector-replaced.v1";
    public static final String DRAW_CANCELLED = "cn.gov.mee.dsr.draw.cancelled.v1";
    public static final String INSPECTOR_STATE = "cn.gov.mee.dsr.roster.inspector.state.v1";

    public static final EventType SUBMITTED = new EventType("cn.gov.mee.dsr.inspection.submitted.v1", RECORDS);
    public static final EventType AMENDED = new EventType("cn.gov.mee.dsr.inspection.amended.v1", RECORDS);
    public static final EventType RECTIFICATION_UPDATED = new EventType("cn.gov.mee.dsr.inspection.rectification-updated.v1", FOLLOW_UP);
    public static final EventType CASE_OPENED = new EventType("cn.gov.mee.dsr.inspection.case-opened.v1", FOLLOW_UP);
    public static final EventType CASE_TRANSFERRED = new EventType("cn.gov.mee.dsr.inspection.case-transferred.v1", FOLLOW_UP);

    @Bean
    Topic recordsTopic() {
        return RECORDS;
    }

    @Bean
    Topic followUpTopic() {
        return FOLLOW_UP;
    }

    @Bean
    Clock clock() {
        return Clock.system(CHINA);
    }
}
