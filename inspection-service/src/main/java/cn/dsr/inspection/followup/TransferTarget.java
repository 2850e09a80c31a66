package cn.dsr.inspection.followup;

/** Where a case is transferred (移送): another administrative agency, or the judicial organs when a crime is suspected. */
public enum TransferTarget {
    OTHER_AGENCY,     // 移送其他行政机关
    JUDICIAL_ORGAN    // 移送司法机关 (涉嫌犯罪)
}
