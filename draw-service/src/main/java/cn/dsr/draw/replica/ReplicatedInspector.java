package cn.dsr.draw.replica;

import java.time.LocalDate;
import java.util.List;

/** A person of the inspector roster replica (执法人员名录库), with what the matching and a team need. */
public record ReplicatedInspector(String id, String tenant, String name, String kind, String status,
                                  LocalDate certificateValidUntil, List<String> expertise, String homeDistrict) {}
