package cn.dsr.roster.entity;

/** Facts about an entity's record that the seeds use to classify it (要素标签). */
public enum Flag {
    /** 列入重点排污单位名录 (002) */
    KEY_POLLUTER_LIST,
    /** 被省厅或市级挂牌督办 (002) */
    SUPERVISED_LISTING,
    /** 因超标排放被省厅或市级通报 (002) */
    EXCEEDANCE_NOTICE,
    /** 因环境违法问题受到行政处罚 (002) */
    PENALISED,
    /** 被群众举报查实 (002) */
    COMPLAINT_VERIFIED,
    /** 上年度存在生态环境违法问题 (004) */
    LAST_YEAR_VIOLATION,
    /** 中央环保督察群众重复投诉 (004) */
    REPEAT_COMPLAINTS,
    /** 污染防治技术不能稳定达到排污许可证规定 (004) */
    UNSTABLE_COMPLIANCE
}
