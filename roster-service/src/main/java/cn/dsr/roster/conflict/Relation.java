package cn.dsr.roster.conflict;

/** Why an inspector must avoid an entity (回避事由). */
public enum Relation {
    /** 近亲属 works at or owns the entity */
    RELATIVE,
    /** 曾在该单位任职 */
    FORMER_EMPLOYER,
    /** 持股或其他经济利益 */
    SHAREHOLDER,
    /** 其他可能影响公正执法的关系; the note says which */
    OTHER
}
