package cn.dsr.disclosure.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A district's (or the city's) figures for one quarter, as the detachment evaluates districts
 * (§8: completion, timeliness, disclosure rate, problem-discovery rate, joint-inspection share,
 * credit-risk-based share). Rates are percentages to one decimal, null when nothing was counted.
 */
public record Figures(String district, String period,
                      int keyEntities, int specialEntities, int generalEntities,
                      int planned, int drawn, int inspected, int inspectedOnTime,
                      int problemsFound, BigDecimal problemRate,
                      int withheld, int disclosed, BigDecimal disclosureRate, int disclosedOnTime, BigDecimal disclosureTimeliness,
                      int jointVisits, BigDecimal jointShare, int creditRiskVisits, BigDecimal creditRiskShare,
                      int overdueDisclosures) {

    static BigDecimal percent(int part, int whole) {
        if (whole == 0) return null;
        return BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }
}
