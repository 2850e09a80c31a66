package cn.dsr.fault;

import java.util.List;

/**
 * A district of the demo city with the demo users the run acts as: its operator enters the
 * targeted inspections (定向检查), its two inspectors make up each visit's team and submit.
 */
public record District(String code, String operator, List<Inspector> inspectors) {

    public record Inspector(String user, String inspectorId, String name) {}

    static final List<District> DEMO = List.of(
            new District("411622", "xh.operator", List.of(
                    new Inspector("xh.inspector1", "xh-insp-01", "西华县检查员一"),
                    new Inspector("xh.inspector2", "xh-insp-02", "西华县检查员二"))),
            new District("411623", "ss.operator", List.of(
                    new Inspector("ss.inspector1", "ss-insp-01", "商水县检查员一"),
                    new Inspector("ss.inspector2", "ss-insp-02", "商水县检查员二"))));
}
