"""The published tables: one Table Schema each, the single source of truth for every format.

Arrow types, CSV text, the descriptor and the data dictionary are all derived from
the field definitions here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dates import PRECISIONS

SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_TEXT = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
EVENT_DATE_TEXT = "^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|--[0-9]{2}(-[0-9]{2})?)$"  # --05: May of a year not given


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Table Schema type: string, number, integer, boolean, date
    en: str
    zh: str
    required: bool = False
    pattern: str | None = None
    enum: list[str] | None = None  # fixed values; vocabulary-backed fields get theirs at build time
    vocabulary: str | None = None  # the vocabulary table whose ids this field holds

    def descriptor(self, vocabularies: dict[str, list[str]]) -> dict:
        out: dict = {"name": self.name, "type": self.type, "description": self.en, "description_zh": self.zh}
        constraints: dict = {}
        if self.required:
            constraints["required"] = True
        if self.pattern:
            constraints["pattern"] = self.pattern
        values = vocabularies.get(self.vocabulary) if self.vocabulary else self.enum
        if values is not None:
            constraints["enum"] = sorted(values)
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class Table:
    name: str
    en: str
    zh: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()
    vocabulary: str | None = None  # set for tables that publish a vocabulary

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def schema(self, vocabularies: dict[str, list[str]]) -> dict:
        """The Table Schema descriptor."""
        schema: dict = {
            "fields": [f.descriptor(vocabularies) for f in self.fields],
            "missingValues": [""],
            "primaryKey": list(self.primary_key),
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": list(local), "reference": {"resource": resource, "fields": list(remote)}}
                for local, resource, remote in self.foreign_keys
            ]
        return schema


def _id(name: str, en: str, zh: str) -> Field:
    return Field(name, "string", en, zh, required=True, pattern=SLUG)


def _park_id() -> Field:
    return _id("park_id", "Park id, stable forever.", "园区编号，永久不变。")


def _names(zh_en: str, zh_zh: str, required: bool = True) -> tuple[Field, ...]:
    return (
        Field("name_zh", "string", zh_en, zh_zh, required=required),
        Field("name_en", "string", "English name.", "英文名称。", required=required),
        Field("name_en_is_translation", "boolean", "True when the English name is a ParkWatch translation.",
              "英文名称是否为本项目翻译。", required=required),
        Field("name_pinyin", "string", "Pinyin of the Chinese name, generated (pypinyin), not checked by hand.",
              "中文名称的拼音（pypinyin 自动生成，未经人工校对）。", required=required),
    )


def _printed_names() -> tuple[Field, Field]:
    return (Field("name_zh", "string", "Name as printed.", "来源所印名称。", required=True),
            Field("name_en", "string", "English name (ParkWatch's translation).", "英文名称（本项目译）。", required=True))


def _term(name: str, vocabulary: str, en: str, zh: str, required: bool = True) -> Field:
    return Field(name, "string", en, zh, required=required, vocabulary=vocabulary)


def _date(name: str, en: str, zh: str, required: bool = False) -> tuple[Field, Field]:
    return (
        Field(name, "string", en + " As stated: YYYY, YYYY-MM or YYYY-MM-DD.",
              zh + "按来源精度书写：年、年-月或年-月-日。", required=required, pattern=DATE_TEXT),
        Field(f"{name}_precision", "string", f"Precision of {name}.", f"{name} 的精度。",
              required=required, enum=list(PRECISIONS[:3])),
    )


def _event_date(name: str, en: str, zh: str, required: bool = False) -> tuple[Field, Field, Field]:
    """A date that may lack its year (--05 for 5月), with the part of the period (中旬) when stated."""
    return (
        Field(name, "string", en + " As stated: YYYY, YYYY-MM or YYYY-MM-DD; --MM or --MM-DD when the source "
              "gives no year.", zh + "按来源精度书写：年、年-月或年-月-日；来源未给年份时写 --月 或 --月-日。",
              required=required, pattern=EVENT_DATE_TEXT),
        Field(f"{name}_precision", "string", f"Precision of {name}.", f"{name} 的精度。",
              required=required, enum=list(PRECISIONS)),
        _term(f"{name}_part", "date_parts", f"Part of the period of {name} (年初 early, 中旬 middle…), when stated.",
              f"{name} 所指的时段（年初、中旬等），来源写明时。", required=False),
    )


def _evidence() -> tuple[Field, ...]:
    return (
        Field("source_id", "string", "Source of the evidence.", "证据来源编号。", required=True, pattern=SLUG),
        Field("quote", "string", "Verbatim quote from the source.", "来源原文引语（逐字）。", required=True),
        Field("inferred", "boolean", "True when the source implies this identity or relation but does not state it.",
              "来源暗示而未明说时为 true。", required=True),
        Field("inference", "string", "Why it is inferred, when inferred is true.", "推断的理由（inferred 为 true 时）。"),
    )


_PARK_FK = (("park_id",), "parks", ("park_id",))
_ORGANISATION_FK = (("organisation_id",), "organisations", ("organisation_id",))
_SOURCE_FK = (("source_id",), "sources", ("source_id",))


def _vocab_fk(column: str, vocabulary: str) -> tuple:
    return ((column,), vocabulary, ("id",))


def _quantity_fields() -> tuple[Field, ...]:
    return (
        _term("metric", "metrics", "What is measured.", "指标。"),
        Field("value_stated", "number", "The value as stated, before magnitudes; empty when a count word is "
              "stated instead.", "来源所述数值（未换算量级）；来源用量词时为空。"),
        _term("unit_stated", "units", "The unit as stated, magnitude included (亿元, 亩, 家).",
              "来源所述单位（含量级）。", required=False),
        _term("count_word", "count_words", "The count word stated instead of a number (若干个, 一批).",
              "来源用以代替数字的量词（若干个、一批）。", required=False),
        _term("comparator", "comparators", "Qualifier of the number (约, 超, 余…).", "数字的修饰语（约、超、余等）。"),
        _term("aggregation", "aggregations", "What the number counts (累计, 新增…).", "统计口径（累计、新增等）。"),
        Field("value", "number", "The value in the canonical unit (exact decimal arithmetic).",
              "换算为规范单位后的数值（精确十进制运算）。"),
        Field("unit", "string", "Canonical unit of the metric (CNY, m2, enterprises…).",
              "指标的规范单位（CNY、m2、enterprises 等）。", required=True),
        Field("value_exact", "boolean", "False when the canonical value was rounded to 6 decimal places "
              "(亩 to m2); empty without a value.", "规范数值是否精确（亩换算为平方米时四舍五入到 6 位小数则为 false）；"
              "无数值时为空。"),
        *_date("period_start", "Start of the period counted, when stated.", "统计期起点（来源写明时）。"),
    )


def _quantity_fks(status_vocabulary: str | None) -> tuple:
    fks = [_PARK_FK, _vocab_fk("metric", "metrics"), _vocab_fk("unit_stated", "units"),
           _vocab_fk("count_word", "count_words"), _vocab_fk("comparator", "comparators"),
           _vocab_fk("aggregation", "aggregations")]
    if status_vocabulary:
        fks.append(_vocab_fk("status", status_vocabulary))
    return (*fks, _SOURCE_FK)


DATA_TABLES: tuple[Table, ...] = (
    Table("parks", "Parks and zones, one row each.", "园区，每行一个。", (
        _park_id(),
        *_names("Chinese name as printed; empty for a park the source does not name.",
                "来源所印的中文名称；来源未给名称的园区为空。", required=False),
        Field("description_zh", "string", "For a park the source does not name: the source's words for it.",
              "来源未给名称的园区：来源描述它的原话。"),
        Field("description_en", "string", "English description of an unnamed park (ParkWatch's).",
              "未命名园区的英文描述（本项目译）。"),
        _term("kind", "kinds", "Kind of park.", "园区类型。"),
        _term("level", "levels", "Approval level; unknown unless a source states it.", "批准级别；来源未说明时为 unknown。"),
        Field("parent_id", "string", "Parent park, for sub-parks, phases and extensions.", "上级园区编号。",
              pattern=SLUG),
        Field("parent_quote", "string", "Verbatim quote the parent rests on.", "上级园区所依据的原文引语。"),
        Field("parent_inferred", "boolean", "True when the source implies the parent but does not state it.",
              "上级园区为来源暗示而未明说时为 true。"),
        Field("parent_inference", "string", "Why the parent is inferred.", "推断上级园区的理由。"),
        _term("status", "park_statuses", "Status at status_as_of.", "状态。", required=False),
        *_date("status_as_of", "Date of the status.", "状态对应的日期。"),
        Field("notes", "string", "Notes.", "备注。"),
        *_evidence(),
    ), ("park_id",), (
        (("parent_id",), "parks", ("park_id",)), _vocab_fk("kind", "kinds"), _vocab_fk("level", "levels"),
        _vocab_fk("status", "park_statuses"), _SOURCE_FK,
    )),
    Table("park_aliases", "Other names and short names of parks.", "园区别名与简称。", (
        _park_id(),
        Field("alias_zh", "string", "The alias as printed.", "来源所印的别名。", required=True),
        _term("alias_type", "alias_types", "Kind of alias.", "别名类型。"),
        Field("alias_pinyin", "string", "Pinyin of the alias, generated.", "别名拼音（自动生成）。", required=True),
        *_evidence(),
    ), ("park_id", "alias_zh"), (_PARK_FK, _vocab_fk("alias_type", "alias_types"), _SOURCE_FK)),
    Table("park_cooperation_modes", "How parks cooperate across boundaries; a park can have several modes.",
          "园区合作模式；一个园区可有多个。", (
              _park_id(), _term("mode", "cooperation_modes", "Cooperation mode.", "合作模式。"), *_evidence(),
          ), ("park_id", "mode"), (_PARK_FK, _vocab_fk("mode", "cooperation_modes"), _SOURCE_FK)),
    Table("cooperation_parties", "Parties to a park's cooperation, each with its role.", "园区合作各方及其角色。", (
        _park_id(),
        _term("role", "party_roles", "Role of the party.", "角色。"),
        Field("party_type", "string", "What the party is.", "合作方类别。", required=True,
              enum=["park", "division", "organisation"]),
        Field("party_id", "string", "The party: a park id, a division code or an organisation id.",
              "合作方：园区编号、行政区划代码或机构编号。", required=True),
        Field("party_park_id", "string", "The party, when it is a park.", "合作方为园区时的园区编号。", pattern=SLUG),
        Field("division_code", "string", "The party, when it is an administrative division.",
              "合作方为行政区划时的代码。", pattern="^[0-9]{6}$"),
        Field("division_name", "string", "Name of the division at division_as_of.", "行政区划在该日期的名称。"),
        *_date("division_as_of", "Date the division code and name refer to.", "代码和名称所对应的日期。"),
        Field("organisation_id", "string", "The party, when it is an organisation.", "合作方为机构时的机构编号。",
              pattern=SLUG),
        *_evidence(),
    ), ("park_id", "role", "party_type", "party_id"), (
        _PARK_FK, (("party_park_id",), "parks", ("park_id",)), _ORGANISATION_FK, _vocab_fk("role", "party_roles"),
        _SOURCE_FK,
    )),
    Table("park_locations", "Administrative divisions a park lies in, as far as the sources say.",
          "园区所在行政区划（以来源所述为限）。", (
              _park_id(),
              Field("division_code", "string", "Six-digit administrative division code.", "六位行政区划代码。",
                    required=True, pattern="^[0-9]{6}$"),
              Field("division_name", "string", "Name of the division at as_of.", "该日期的行政区划名称。",
                    required=True),
              *_date("as_of", "Date the code and name refer to.", "代码和名称所对应的日期。", required=True),
              *_evidence(),
          ), ("park_id", "division_code"), (_PARK_FK, _SOURCE_FK)),
    Table("park_dates", "Dated events: approval, establishment, opening, expected opening.",
          "园区日期：批准、设立、开园、预计开园等。", (
              _park_id(), _term("event", "date_events", "The event.", "事件。"),
              *_event_date("date", "When.", "日期。", required=True), *_evidence(),
          ), ("park_id", "event"), (_PARK_FK, _vocab_fk("event", "date_events"), _vocab_fk("date_part", "date_parts"),
                                    _SOURCE_FK)),
    Table("park_industries", "Leading industries of parks.", "园区主导产业。", (
        _park_id(),
        Field("industry_zh", "string", "The industry as the source names it.", "来源所述产业。", required=True),
        Field("industry_en", "string", "English translation (ParkWatch's).", "英文翻译（本项目译）。", required=True),
        *_evidence(),
    ), ("park_id", "industry_zh"), (_PARK_FK, _SOURCE_FK)),
    Table("park_designations", "Designations and claims the sources state about parks (not approval levels).",
          "来源所述的园区称号与说法（不是批准级别）。", (
              _park_id(),
              Field("designation_zh", "string", "The designation or claim as the source words it.",
                    "来源所述的称号或说法。", required=True),
              Field("designation_en", "string", "English translation (ParkWatch's).", "英文翻译（本项目译）。",
                    required=True),
              *_evidence(),
          ), ("park_id", "designation_zh"), (_PARK_FK, _SOURCE_FK)),
    Table("organisations", "Organisations, one row each: companies, agencies, institutes.",
          "机构，每行一个：企业、政府部门、研究院等。", (
              _id("organisation_id", "Organisation id, stable forever; a retired id is kept in redirects.",
                  "机构编号，永久不变；停用的编号保留在 redirects 中。"),
              *_names("Name as printed, in its fullest form.", "来源所印名称（最完整的写法）。"),
              Field("notes", "string", "Notes.", "备注。"),
              *_evidence(),
          ), ("organisation_id",), (_SOURCE_FK,)),
    Table("organisation_aliases", "Other names and short names of organisations.", "机构别名与简称。", (
        _id("organisation_id", "Organisation id.", "机构编号。"),
        Field("alias_zh", "string", "The alias as printed.", "来源所印的别名。", required=True),
        *_evidence(),
    ), ("organisation_id", "alias_zh"), (_ORGANISATION_FK, _SOURCE_FK)),
    Table("park_organisations", "Roles of organisations in parks, one row per park, organisation and role.",
          "机构在园区中的角色，每个园区、机构和角色一行。", (
              _park_id(),
              _id("organisation_id", "Organisation id.", "机构编号。"),
              _term("role", "organisation_roles", "Role in the park.", "在园区中的角色。"),
              Field("platform_id", "string", "The park's platform the role concerns (platforms.platform_id of the "
                    "same park), when there is one.", "角色所涉的本园区平台（同一园区的 platforms.platform_id）。",
                    pattern=SLUG),
              *_event_date("date", "When the role began, where stated.", "该角色开始的日期（来源写明时）。")[:2],
              *_evidence(),
          ), ("park_id", "organisation_id", "role"),
          (_PARK_FK, _ORGANISATION_FK, _vocab_fk("role", "organisation_roles"), _SOURCE_FK)),
    Table("organisation_events", "Dated events of organisations in parks (trial operation…).",
          "机构在园区中的日期事件（试运行等）。", (
              _park_id(), _id("organisation_id", "Organisation id.", "机构编号。"),
              _term("event", "date_events", "The event.", "事件。"),
              *_event_date("date", "When.", "日期。", required=True), *_evidence(),
          ), ("park_id", "organisation_id", "event"),
          (_PARK_FK, _ORGANISATION_FK, _vocab_fk("event", "date_events"), _vocab_fk("date_part", "date_parts"),
           _SOURCE_FK)),
    Table("persons", "People the sources quote, one row each.", "来源引述的人物，每行一个。", (
        _id("person_id", "Person id.", "人物编号。"),
        Field("name_zh", "string", "Name as printed.", "来源所印姓名。", required=True),
        Field("name_pinyin", "string", "Pinyin of the name, generated (pypinyin).", "姓名拼音（自动生成）。",
              required=True),
        Field("notes", "string", "Notes.", "备注。"),
        *_evidence(),
    ), ("person_id",), (_SOURCE_FK,)),
    Table("person_roles", "Titles of people, each in an organisation.", "人物的职务及所属机构。", (
        _id("person_id", "Person id.", "人物编号。"),
        Field("title_zh", "string", "Title as printed.", "来源所印职务。", required=True),
        Field("title_en", "string", "Title in English (ParkWatch's translation).", "职务英译（本项目译）。",
              required=True),
        Field("organisation_id", "string", "Organisation the title is held in, when stated.", "职务所属机构。",
              pattern=SLUG),
        *_evidence(),
    ), ("person_id", "title_zh"), ((("person_id",), "persons", ("person_id",)), _ORGANISATION_FK, _SOURCE_FK)),
    Table("person_statements", "What people say: the quote is the statement.", "人物所说的话：引语即原话。", (
        _id("person_id", "Person id.", "人物编号。"),
        _id("statement_id", "Statement id, unique for its person.", "原话编号，在该人物内唯一。"),
        Field("park_id", "string", "The park the statement is about, when there is one.", "原话所谈的园区。",
              pattern=SLUG),
        Field("statement_en", "string", "What is said, in English (ParkWatch's).", "所说内容的英文概述（本项目译）。",
              required=True),
        *_evidence(),
    ), ("person_id", "statement_id"), ((("person_id",), "persons", ("person_id",)), _PARK_FK, _SOURCE_FK)),
    Table("policies", "Policies parks issue or come under, with the date issued.", "园区发布或适用的政策及发布日期。", (
        _park_id(), _id("policy_id", "Policy id, unique within its park.", "政策编号，园区内唯一。"),
        *_printed_names(),
        *_event_date("issued", "When it was issued, where stated.", "发布日期（来源写明时）。"),
        Field("replaces_policy_id", "string", "The policy of the same park that this one replaces or upgrades.",
              "被本政策取代（升级）的同园区政策。", pattern=SLUG),
        Field("note", "string", "Note.", "备注。"),
        *_evidence(),
    ), ("park_id", "policy_id"), (_PARK_FK, _vocab_fk("issued_part", "date_parts"), _SOURCE_FK)),
    Table("platforms", "Service platforms of parks.", "园区的服务平台。", (
        _park_id(), _id("platform_id", "Platform id, unique within its park.", "平台编号，园区内唯一。"),
        *_printed_names(),
        *_event_date("launched", "When it was launched, where stated.", "上线或发布日期（来源写明时）。"),
        _term("status", "park_statuses", "Status at the source's date (planned, operating…), when stated.",
              "来源日期时的状态（规划中、运营中等），来源写明时。", required=False),
        Field("note", "string", "Note.", "备注。"),
        *_evidence(),
    ), ("park_id", "platform_id"), (_PARK_FK, _vocab_fk("launched_part", "date_parts"),
                                    _vocab_fk("status", "park_statuses"), _SOURCE_FK)),
    Table("targets", "Quantitative targets, forecasts, plans and policy commitments.",
          "量化目标、预计、规划与政策承诺。", (
              _park_id(), _id("target_id", "Target id, unique within its park.", "目标编号，园区内唯一。"),
              *_quantity_fields(),
              Field("policy_id", "string", "The park's policy the number belongs to (policies.policy_id of the same "
                    "park), when there is one.", "该数字所属的本园区政策（同一园区的 policies.policy_id）。", pattern=SLUG),
              *_date("deadline", "Deadline: the end of this period.", "截止期（该时段结束时）。"),
              Field("deadline_end", "date", "Last day of the deadline period.", "截止期的最后一天。"),
              _term("status", "target_statuses", "Target, forecast, plan or policy commitment.",
                    "目标、预计、规划或政策承诺。"),
              *_date("announced", "When the target was announced (the source's date unless stated).",
                     "发布日期（未写明时为来源日期）。", required=True),
              _term("announced_part", "date_parts", "Part of the period of announced (年初 early…), when stated.",
                    "announced 所指的时段（年初等），来源写明时。", required=False),
              *_evidence(),
          ), ("park_id", "target_id"), _quantity_fks("target_statuses")),
    Table("observations", "Numbers reported as already true.", "报道为已实现的数字。", (
        _park_id(), _id("observation_id", "Observation id, unique within its park.", "观测编号，园区内唯一。"),
        *_quantity_fields(),
        *_date("as_of", "The date the number refers to.", "数字所对应的日期。", required=True),
        *_evidence(),
    ), ("park_id", "observation_id"), _quantity_fks(None)),
    Table("sources", "The sources that evidence cites.", "证据所引来源。", (
        _id("source_id", "Source id.", "来源编号。"),
        Field("type", "string", "Type of source.", "来源类型。", required=True,
              enum=["newspaper_page", "news_article", "government_document", "web_page", "other"]),
        Field("publisher_zh", "string", "Publisher.", "出版方。", required=True),
        Field("publisher_en", "string", "Publisher in English.", "出版方英文名。", required=True),
        *_date("published", "Publication date, to the precision known.", "出版日期（按已知精度）。", required=True),
        Field("page", "string", "Page, when known.", "版面（已知时）。"),
        Field("url", "string", "URL, when known.", "网址（已知时）。"),
        Field("sha256", "string", "SHA-256 of the source text.", "来源文本的 SHA-256。", required=True,
              pattern="^[0-9a-f]{64}$"),
    ), ("source_id",)),
    Table("source_articles", "Articles within a source, with their by-lines and datelines.",
          "来源中的各篇报道及署名、电头日期。", (
              _id("source_id", "Source id.", "来源编号。"),
              Field("article", "integer", "Position of the article in the source, from 1.", "报道序号，从 1 起。",
                    required=True),
              Field("title_zh", "string", "Title as printed.", "标题原文。", required=True),
              Field("title_en", "string", "Title in English (ParkWatch's translation).", "标题英译（本项目译）。"),
              Field("authors", "string", "By-lines, separated by '; '.", "署名，以“; ”分隔。"),
              *_date("dateline", "Dateline date, when printed.", "电头日期。"),
          ), ("source_id", "article"), (_SOURCE_FK,)),
    Table("redirects", "Retired park and organisation ids and the ids that replace them; an id is never reused.",
          "停用的园区和机构编号及取代它们的编号；编号永不重用。", (
              Field("record_type", "string", "What the id names.", "编号所指的记录类别。", required=True,
                    enum=["park", "organisation"]),
              _id("old_id", "The retired id.", "停用的编号。"),
              _id("replaced_by", "The id that replaces it (follow further redirects if it is retired too).",
                  "取代它的编号（若它也已停用，继续查找）。"),
              Field("reason", "string", "Why it was renamed or merged.", "改名或合并的原因。", required=True),
          ), ("record_type", "old_id")),
)


def _vocabulary_table(name: str, en: str, zh: str) -> Table:
    return Table(name, en, zh, (
        Field("id", "string", "Term id.", "术语编号。", required=True),
        Field("zh", "string", "Chinese label.", "中文名称。", required=True),
        Field("en", "string", "English label.", "英文名称。", required=True),
    ), ("id",), vocabulary=name)


VOCABULARY_TABLES: tuple[Table, ...] = (
    Table("metrics", "Metric vocabulary.", "指标词表。", (
        Field("id", "string", "Metric id.", "指标编号。", required=True),
        Field("zh", "string", "Chinese label.", "中文名称。", required=True),
        Field("en", "string", "English label.", "英文名称。", required=True),
        _term("dimension", "dimensions", "Dimension.", "量纲。"),
        Field("unit", "string", "Canonical unit.", "规范单位。", required=True),
        _term("family", "metric_families", "Family of the metric, for analysis.", "指标族（用于分析归类）。"),
    ), ("id",), (_vocab_fk("dimension", "dimensions"), _vocab_fk("family", "metric_families")),
        vocabulary="metrics"),
    Table("units", "Units as stated in sources, with exact factors to canonical units.",
          "来源中的单位及换算为规范单位的精确系数。", (
              Field("id", "string", "The unit as written.", "单位写法。", required=True),
              Field("en", "string", "English label.", "英文说明。", required=True),
              _term("dimension", "dimensions", "Dimension.", "量纲。"),
              Field("factor", "string", "Exact factor to the canonical unit, a decimal or a fraction.",
                    "换算系数（十进制数或分数）。", required=True),
          ), ("id",), (_vocab_fk("dimension", "dimensions"),), vocabulary="units"),
    _vocabulary_table("kinds", "Kinds of park.", "园区类型。"),
    _vocabulary_table("levels", "Approval levels.", "批准级别。"),
    _vocabulary_table("cooperation_modes", "Cooperation modes.", "合作模式。"),
    _vocabulary_table("party_roles", "Roles of cooperation parties.", "合作方角色。"),
    _vocabulary_table("organisation_roles", "Roles of organisations in parks.", "机构角色。"),
    _vocabulary_table("date_events", "Dated events.", "日期事件。"),
    _vocabulary_table("park_statuses", "Park statuses.", "园区状态。"),
    _vocabulary_table("alias_types", "Kinds of alias.", "别名类型。"),
    _vocabulary_table("comparators", "Qualifiers of stated numbers.", "数字修饰语。"),
    _vocabulary_table("aggregations", "Aggregations.", "统计口径。"),
    _vocabulary_table("target_statuses", "Statuses of targets.", "目标性质。"),
    _vocabulary_table("dimensions", "Dimensions of metrics and units.", "量纲。"),
    _vocabulary_table("date_parts", "Parts of a period (年初, 中旬, 年底…).", "时段（年初、中旬、年底等）。"),
    _vocabulary_table("count_words", "Count words stated instead of numbers (若干个, 一批).", "代替数字的量词（若干个、一批）。"),
    _vocabulary_table("metric_families", "Families of metrics (investment, tax, output…).",
                      "指标族（投资、税收、产值等）。"),
)



def _labels(prefix: str, what_en: str, what_zh: str) -> tuple[Field, Field]:
    return (Field(f"{prefix}_zh", "string", f"Chinese label of the {what_en}.", f"{what_zh}中文名称。"),
            Field(f"{prefix}_en", "string", f"English label of the {what_en}.", f"{what_zh}英文名称。"))


def _park_names() -> tuple[Field, ...]:
    return (
        Field("park_name_zh", "string", "Chinese name of the park; empty for a park the source describes without "
              "naming (parks.description_zh).", "园区中文名称；来源未命名的园区为空（见 parks.description_zh）。"),
        Field("park_name_en", "string", "English name of the park; empty for an unnamed park.",
              "园区英文名称；未命名的园区为空。"),
        Field("province", "string", "Province-level division the park lies in, from its location codes; empty "
              "when no location is stated or the codes span several provinces.",
              "园区所在省级行政区（据其区划代码）；未写明位置或跨省时为空。"),
    )


def _analysis_quantity(key: Field, dated: tuple[Field, ...]) -> tuple[Field, ...]:
    return (
        _park_id(), key, *_park_names(),
        _term("metric", "metrics", "What is measured.", "指标。"), *_labels("metric", "metric", "指标"),
        _term("metric_family", "metric_families", "Family of the metric (investment, tax, output…).",
              "指标族（投资、税收、产值等）。"),
        Field("value_stated", "number", "The value as stated; empty when a count word is stated instead.",
              "来源所述数值；来源用量词时为空。"),
        _term("unit_stated", "units", "The unit as stated.", "来源所述单位。", required=False),
        Field("unit_stated_en", "string", "English label of the stated unit.", "来源所述单位的英文说明。"),
        _term("count_word", "count_words", "The count word stated instead of a number (若干个, 一批).",
              "来源用以代替数字的量词（若干个、一批）。", required=False),
        _term("comparator", "comparators", "Qualifier of the number.", "数字的修饰语。"),
        _term("aggregation", "aggregations", "What the number counts.", "统计口径。"),
        Field("value", "number", "The value in the canonical unit; empty with a count word.",
              "规范单位数值；来源用量词时为空。"),
        Field("unit", "string", "Canonical unit.", "规范单位。", required=True),
        *dated, *_evidence(),
    )


# No key points from a derived table to the row it copies: a target or party removed in a correction takes
# its derived row with it, and stays a patch, as when nothing references it.
_ANALYSIS_FKS = (_PARK_FK, _vocab_fk("metric", "metrics"), _vocab_fk("metric_family", "metric_families"),
                 _vocab_fk("unit_stated", "units"), _vocab_fk("count_word", "count_words"), _SOURCE_FK)


# Derived at build time from the tables above, for analysis without joins; never written by hand.
ANALYSIS_TABLES: tuple[Table, ...] = (
    Table("analysis_targets", "Targets with park names, province, metric labels and metric family (derived).",
          "目标，附园区名称、省份、指标名称与指标族（派生表）。", _analysis_quantity(
              _id("target_id", "Target id, unique within its park.", "目标编号，园区内唯一。"), (
                  *_date("deadline", "Deadline: the end of this period.", "截止期。"),
                  Field("deadline_end", "date", "Last day of the deadline period.", "截止期的最后一天。"),
                  _term("status", "target_statuses", "Target, forecast, plan or policy commitment.",
                        "目标、预计、规划或政策承诺。"),
                  *_date("announced", "When the target was announced.", "发布日期。", required=True),
              )), ("park_id", "target_id"), _ANALYSIS_FKS),
    Table("analysis_observations", "Observations with park names, province, metric labels and metric family "
          "(derived).", "观测，附园区名称、省份、指标名称与指标族（派生表）。", _analysis_quantity(
              _id("observation_id", "Observation id, unique within its park.", "观测编号，园区内唯一。"),
              _date("as_of", "The date the number refers to.", "数字所对应的日期。", required=True),
          ), ("park_id", "observation_id"), _ANALYSIS_FKS),
    Table("analysis_parties", "Cooperation parties with the park's and the party's names resolved (derived).",
          "合作各方，附园区名称与合作方名称（派生表）。", (
              _park_id(), *_park_names()[:2],
              _term("role", "party_roles", "Role of the party.", "角色。"), *_labels("role", "role", "角色"),
              Field("party_type", "string", "What the party is.", "合作方类别。", required=True,
                    enum=["park", "division", "organisation"]),
              Field("party_id", "string", "The party: a park id, a division code or an organisation id.",
                    "合作方：园区编号、行政区划代码或机构编号。", required=True),
              Field("party_name_zh", "string", "The party's Chinese name: the park's, the division's or the "
                    "organisation's.", "合作方中文名称（园区、行政区划或机构）。", required=True),
              Field("party_name_en", "string", "The party's English name, when there is one.",
                    "合作方英文名称（有则填）。"),
              Field("party_kind", "string", "The party's kind: the park kind, the division level, or the "
                    "organisation's role in the park.", "合作方的类型：园区类型、区划级别或机构角色。"),
              *_evidence(),
          ), ("park_id", "role", "party_type", "party_id"), (_PARK_FK, _vocab_fk("role", "party_roles"), _SOURCE_FK)),
)

TABLES: tuple[Table, ...] = DATA_TABLES + VOCABULARY_TABLES + ANALYSIS_TABLES
