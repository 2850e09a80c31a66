package cn.dsr.draw.core.matching;

/**
 * Why an inspector may not fill a slot of a visit (docs/draw-format.md §14.3), in precedence
 * order: the first that applies is the one recorded.
 */
public enum Reason {
    /** Not 在岗: on leave, transferred or retired. */
    NOT_IN_POST,
    /** An officer whose enforcement certificate (执法证) is missing or lapses before the period ends. */
    CERTIFICATE,
    /** May take no visit of this draw. */
    NO_CAPACITY,
    /** A declared conflict of interest (回避) in force. */
    CONFLICT,
    /** Inspected this entity last time, and the plan rotates inspectors. */
    ROTATION,
    /** Based in the entity's own district while the plan demands 异地交叉执法. */
    SAME_DISTRICT,
    /** An expert or third party in one of the two officer slots. */
    NOT_OFFICER,
    /** Lacks an expertise (擅长领域) the slot must cover. */
    EXPERTISE
}
