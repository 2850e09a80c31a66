package cn.dsr.disclosure.stats;

import cn.dsr.disclosure.result.Conclusion;
import java.time.LocalDate;

/** The facts the detachment's figures are counted from, one record per row of the service's tables. */
public final class Facts {

    private Facts() {}

    /** A roster entry of a district (重点 KEY / 特殊 SPECIAL / 一般 GENERAL). */
    public record Entity(String district, String category, boolean active) {}

    /** A plan's planned count for a quarter: the sum of its strata's minimum counts. */
    public record Plan(String district, String period, int planned) {}

    /** A visit a random draw produced; joint (联合抽查) and drawn from a credit-risk stratum or not. */
    public record Visit(String visitId, String district, String period, boolean joint, boolean creditRiskBased) {}

    /**
     * A random inspection's record, by its latest version: conclusion, whether it was entered by
     * its deadline, whether it is withheld as a national secret, and when it first became public.
     */
    public record Result(String visitId, String district, String period, Conclusion conclusion, boolean enteredOnTime,
                         boolean withheld, LocalDate disclosureDue, LocalDate firstPublishedOn) {}
}
