package cn.dsr.issuer;

/** The platform's role vocabulary; binding demo data to it rejects typos at start-up. */
public enum Role {
    DISTRICT_OPERATOR,
    DISTRICT_HEAD,
    INSPECTOR,
    CITY_COORDINATOR,
    AUDITOR,
    FEED_CONSUMER
}
