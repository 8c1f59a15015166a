"""The commented template that `parkwatch new park <id>` writes."""

from __future__ import annotations

PARK = """\
# Park file: annotations/parks/{id}.yaml — contract: schemas/park.schema.json
# 园区文件。每个事实都要有证据：来源编号（annotations/sources/）和来源中的逐字短引语。
# Every fact needs evidence: a source id (annotations/sources/) and a short verbatim quote.
# Delete what the source does not say: unknown stays out (do not guess). Dates are text:
# "2021", "2021-12" or "2021-12-22". Check with: parkwatch validate --sources <folder of source texts>

id: {id}                      # = file name; lowercase ASCII words joined by '-'; never changed

name:
  zh: 园区中文名称             # as printed / 来源所印名称
  en: English Name Of The Park  # our translation / 本项目翻译
# en_official: true           # only when the English name is the park's own official one
  evidence:
    source: your-source-id
    quote: 包含园区名称的原文
#   inferred: true            # on any evidence: the source implies this but does not state it
#   inference: why it is implied

# description:                # instead of name, for a park the source does not name
#   zh: 来源描述它的原话
#   en: What the source says it is
#   evidence: {{source: your-source-id, quote: …}}

# aliases:                    # other names and short names / 别名与简称
#   - zh: 简称
#     type: short               # short | variant | former
#     evidence: {{source: your-source-id, quote: 以下简称…}}

kind: industrial_park         # annotations/vocabularies/kinds.yaml

level:
  id: unknown                 # unknown unless the source states it; then add evidence
# evidence: {{source: your-source-id, quote: 国家级…}}

# parent:                     # sub-parks, phases and extensions point to their parent
#   park: parent-park-id
#   evidence: {{source: your-source-id, quote: …}}

# cooperation_modes:          # enclave | reverse_enclave | co_built | paired_assistance | extension_site
#   - mode: enclave
#     evidence: {{source: your-source-id, quote: 飞地园区…}}

# parties:                    # who takes part, each with one role: origin | host | partner | operator | builder
#   - role: origin
#     division: {{code: "520102", name: 南明区, as_of: "2021-12"}}   # or park: <id> or organisation: <id>
#     evidence: {{source: your-source-id, quote: …}}

# location:                   # only the divisions the source supports; the name as at as_of
#   as_of: "2021-12"
#   divisions:
#     - code: "520100"
#       name: 贵阳市
#   evidence: {{source: your-source-id, quote: 位于…}}

# dates:                      # approved | established | agreement_signed | opened | expected_opening
#   - event: opened
#     date: "2021-12-22"        # "--05" when the source gives no year (5月)
#     part: middle              # early 年初/上旬 | middle 中旬 | late 年底/下旬, if stated
#     evidence: {{source: your-source-id, quote: …开园}}

# status:                     # planned | under_construction | operating | closed | unknown
#   id: operating
#   as_of: "2021-12"
#   evidence: {{source: your-source-id, quote: 已投入使用}}

# leading_industries:
#   - zh: 电子信息产业
#     en: electronic information industry
#     evidence: {{source: your-source-id, quote: …}}

# designations:               # titles and claims the source states (示范基地, 首个…); not the level
#   - zh: 国家软件和信息服务业示范基地
#     en: national software and information services demonstration base
#     evidence: {{source: your-source-id, quote: …}}

# organisations:              # role: annotations/vocabularies/organisation_roles.yaml
#   - organisation: organisation-id   # annotations/organisations/<id>.yaml holds its names
#     role: settled_enterprise
#     date: "2020-12"           # when the role began, if stated
#     platform: platform-id     # if the role concerns one of the platforms below
#     evidence: {{source: your-source-id, quote: …入驻…}}
#     events:                   # dated events of the organisation in the park
#       - event: trial_operation
#         date: "--05"
#         part: middle
#         evidence: {{source: your-source-id, quote: 5月中旬试运行}}

# policies:                   # policies the park issues or comes under
#   - id: new-nine-measures
#     zh: 政策名称
#     en: Policy name
#     issued: "2021-12-23"
#     part: early               # if the source gives only 年初 etc.
#     replaces: older-policy-id # a policy listed above that this one upgrades
#     evidence: {{source: your-source-id, quote: 发布…}}
#     note: optional remark

# platforms:                  # service platforms of the park
#   - id: platform-id
#     zh: 平台名称
#     en: Platform name
#     launched: "2021-12-23"
#     part: late
#     status: planned           # planned | operating, if stated
#     evidence: {{source: your-source-id, quote: …平台…}}
#     note: optional remark

# targets:                    # numbers promised, forecast or planned
#   - id: industrial-investment-2024
#     metric: industrial_investment   # annotations/vocabularies/metrics.yaml
#     value: 6                  # as stated
#     unit: 亿元                 # as stated, magnitude included: annotations/vocabularies/units.yaml
#     comparator: exact         # exact | about 约 | more_than 超 | over 余 | nearly 近 | …
#     aggregation: cumulative   # cumulative 累计 | new 新增 | cultivated 培育 | introduced 引进 | level | total
#     period_start: "2021"      # if stated
#     deadline: "2024"          # 到2024年底
#     count_word: batch         # instead of value and unit: several 若干个 | batch 一批
#     status: forecast          # target | forecast 预计 | plan | policy_commitment
#     announced: "2021-12-22"   # if not the source's date
#     announced_part: early     # 年初…, if stated
#     policy: new-nine-measures # the policy the number belongs to, if any
#     evidence: {{source: your-source-id, quote: 预计到2024年底，累计完成工业投资6亿元}}
#     note: optional remark

# observations:               # numbers reported as already true; same fields, with as_of instead
#   - id: funds-in-place
#     metric: funds_in_place
#     value: 5.339
#     unit: 亿元
#     comparator: about
#     aggregation: cumulative
#     as_of: "2021-12"
#     evidence: {{source: your-source-id, quote: 累计完成工业到位资金约5.339亿元}}

# notes: >-
#   What the source says that has no field, and why a judgement was made.
"""


def park(park_id: str) -> str:
    return PARK.format(id=park_id)
