"""Canned queries for Datasette: the common questions, answered from the analysis tables."""

from __future__ import annotations

TARGETS_DUE = """\
select metric_family, metric, metric_en, aggregation, unit, count(*) as targets,
  count(distinct park_id) as parks, sum(value) as total_value, min(deadline_end) as first_deadline,
  max(deadline_end) as last_deadline
from analysis_targets
where deadline_end <= :year || '-12-31'
group by metric_family, metric, metric_en, aggregation, unit
order by metric_family, metric, aggregation, unit"""

COOPERATION = """\
select m.park_id, p.name_zh, p.name_en, m.mode,
  (select group_concat(a.party_name_zh, '; ') from analysis_parties a
    where a.park_id = m.park_id and a.role = 'origin') as origin,
  (select group_concat(a.party_name_zh, '; ') from analysis_parties a
    where a.park_id = m.park_id and a.role = 'host') as host,
  (select group_concat(a.party_name_zh || ' (' || a.role || ')', '; ') from analysis_parties a
    where a.park_id = m.park_id and a.role not in ('origin', 'host')) as partners,
  m.quote, m.source_id
from park_cooperation_modes m join parks p on p.park_id = m.park_id
where m.mode in ('enclave', 'reverse_enclave', 'co_built')
order by m.park_id, m.mode"""

PROMISED_REPORTED = """\
select park_id, park_name_zh, metric, metric_en, unit, 'promised' as side, target_id as id, status,
  comparator, value, deadline as date, quote, source_id
from analysis_targets
union all
select park_id, park_name_zh, metric, metric_en, unit, 'reported' as side, observation_id as id, null,
  comparator, value, as_of, quote, source_id
from analysis_observations
order by park_id, metric, unit, side, date"""

QUERIES: dict[str, dict] = {
    "targets_due_by": {
        "title": "Targets due by a given year, with totals per metric and unit / 截至某年到期的目标及各指标合计",
        "description": "Targets whose deadline ends by 31 December of :year. Totals add the values in the "
                       "canonical unit whatever their qualifier (约, 超…); read them with the aggregation "
                       "(累计, 新增…). / 截止期不晚于该年年底的目标；合计不区分“约”“超”等修饰语，请结合统计口径阅读。",
        "sql": TARGETS_DUE,
    },
    "enclave_and_cobuilt_parks": {
        "title": "Enclave and co-built parks, with origin, host and partners / 飞地与共建园区：飞出地、飞入地与合作方",
        "description": "Parks with an enclave, reverse-enclave or co-built mode, and their parties by role.",
        "sql": COOPERATION,
    },
    "promised_against_reported": {
        "title": "Promised against reported values, per park and metric / 承诺值与报道值对比（按园区和指标）",
        "description": "Every target (promised) and observation (reported), park by park and metric by metric, "
                       "in the canonical unit, each with its quote. / 按园区和指标并列所有目标（承诺）与观测（报道），"
                       "以规范单位计，各附原文。",
        "sql": PROMISED_REPORTED,
    },
}
