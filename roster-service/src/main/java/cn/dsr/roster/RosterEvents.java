package cn.dsr.roster;

import cn.dsr.platform.events.EventType;
import cn.dsr.platform.events.Topic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics roster-service owns and the event types it publishes on them. */
@Configuration(proxyBeanMethods = false)
public class RosterEvents {

    public static final Topic ORG_UNITS = Topic.state("roster.org-units.v1");

    public static final EventType ORG_UNIT_STATE = new EventType("cn.gov.mee.dsr.roster.org-unit.state.v1", ORG_UNITS);

    @Bean
    Topic orgUnitsTopic() {
        return ORG_UNITS;
    }
}
