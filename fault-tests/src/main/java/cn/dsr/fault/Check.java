package cn.dsr.fault;

/**
 * One place an accepted submission must have reached: how many were expected there, how many
 * were found, how many are missing (lost) and how many took effect more than once (duplicated).
 */
record Check(String name, long expected, long found, long lost, long duplicated, String note) {

    boolean holds() {
        return lost == 0 && duplicated == 0;
    }
}
