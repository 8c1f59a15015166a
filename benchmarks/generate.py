"""Write a complete, valid ParkWatch project with N synthetic parks: `python benchmarks/generate.py N OUTDIR`.

Parks have Chinese names, county-level administrative codes that were in use at the
stated date (from the shipped areacodes table), 5–15 targets and observations each,
and quotes that state their numbers and units. Every source gets a text file in
OUTDIR/texts/ holding all the quotes that cite it, so `validate --sources` runs too.
The same N and seed always give the same files.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import sys
from pathlib import Path

import yaml

from parkwatch.base import areacodes
from parkwatch.building.rows import pinyin

REPO = Path(__file__).resolve().parents[1]
PARKS_PER_SOURCE = 10

THEMES = [  # (zh, en, slug)
    ("电子信息", "Electronic Information", "electronics"), ("智能制造", "Intelligent Manufacturing", "smart-manufacturing"),
    ("新能源", "New Energy", "new-energy"), ("生物医药", "Biomedicine", "biomedicine"),
    ("新材料", "New Materials", "new-materials"), ("数字经济", "Digital Economy", "digital-economy"),
    ("现代物流", "Modern Logistics", "logistics"), ("跨境电商", "Cross-border E-commerce", "cross-border-ecommerce"),
    ("食品加工", "Food Processing", "food-processing"), ("装备制造", "Equipment Manufacturing", "equipment"),
    ("纺织服装", "Textiles and Garments", "textiles"), ("汽车零部件", "Auto Parts", "auto-parts"),
]
KINDS = [("产业园", "Industrial Park", "industrial_park"), ("示范园区", "Demonstration Park", "demonstration_park"),
         ("电商产业园", "E-commerce Park", "ecommerce_park"), ("科技城", "Science City", "science_city"),
         ("科技创业园", "Start-up Park", "incubator")]
PUBLISHERS = [("科技日报", "Science and Technology Daily"), ("经济日报", "Economic Daily"),
              ("人民日报", "People's Daily"), ("中国高新技术产业导报", "China High-tech Industry Herald")]
# metric, unit, aggregation, how the quote says it ({v} is the number, {u} the unit)
TARGETS = [
    ("industrial_investment", "亿元", "cumulative", "预计到{d}年底，累计完成工业投资{v}{u}"),
    ("tax_revenue", "亿元", "annual", "力争到{d}年实现税收{v}{u}"),
    ("output_value", "亿元", "annual", "到{d}年，园区产值达到{v}{u}"),
    ("operating_revenue", "万元", "annual", "计划{d}年营业收入突破{v}{u}"),
    ("enterprises_settled", "家", "introduced", "到{d}年引进企业{v}{u}"),
    ("innovation_platforms", "个", "introduced", "到{d}年引进各类创新平台{v}{u}"),
    ("jobs", "个", "new", "预计到{d}年新增就业岗位{v}{u}"),
    ("high_tech_enterprises", "家", "cultivated", "到{d}年培育高新技术企业{v}{u}"),
]
OBSERVATIONS = [
    ("land_area", "亩", "level", "园区规划占地{v}{u}"),
    ("floor_area", "万平方米", "level", "总建筑面积{v}{u}"),
    ("enterprises_settled", "家", "cumulative", "目前已入驻企业{v}{u}"),
    ("contracted_investment", "亿元", "cumulative", "已签约项目总金额{v}{u}"),
    ("jobs", "人", "level", "带动就业{v}{u}"),
    ("projects", "项", "cumulative", "累计落地项目{v}{u}"),
]


class Flow(dict):
    """A mapping written in flow style, as contributors often write evidence."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Flow, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True))


def _divisions(year: int) -> list[areacodes.Division]:
    """County-level divisions in use in `year`, in code order."""
    return [d for ds in sorted(areacodes.table().items()) for d in ds[1]
            if d.level == "县级" and d.in_use(year) and d.prefecture not in ("", "直辖")]


def _value(rng: random.Random, unit: str) -> int | float:
    if unit in ("亿元", "万平方米"):
        value = round(rng.uniform(1, 200), rng.choice((0, 1, 2)))
        return int(value) if value.is_integer() else value
    return rng.randint(5, 5000)


def _number(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _quantity(rng: random.Random, n: int, spec: tuple, source: str, quotes: list[str], *, target: bool,
              year: int) -> dict:
    metric, unit, aggregation, template = spec
    value = _value(rng, unit)
    deadline = str(year + rng.randint(1, 6))
    quote = template.format(d=deadline, v=_number(value), u=unit)
    quotes.append(quote)
    # The comparator and the status are what the quote's words make them (突破: more than; 预计: forecast).
    item: dict = {"id": f"{metric.replace('_', '-')}-{n}", "metric": metric, "value": value, "unit": unit,
                  "comparator": "more_than" if "突破" in template else "exact", "aggregation": aggregation}
    if target:
        status = rng.choice(("target", "forecast", "plan"))
        item.update(deadline=deadline, status="forecast" if "预计" in template else status)
    else:
        item["as_of"] = f"{year}-{rng.randint(1, 12):02d}"
    item["evidence"] = {"source": source, "quote": quote}
    return item


def park(rng: random.Random, i: int, source: dict, division: areacodes.Division, quotes: list[str],
         parent: str | None) -> dict:
    """One park file's data, citing `source`; every quote it uses is appended to `quotes`."""
    theme_zh, theme_en, theme_slug = rng.choice(THEMES)
    kind_zh, kind_en, kind = rng.choice(KINDS)
    place = division.name
    name_zh = f"{place}{theme_zh}{kind_zh}"
    year = int(source["published"][:4])
    sid = source["id"]

    def ev(quote: str) -> dict:
        quotes.append(quote)
        return {"source": sid, "quote": quote}

    data: dict = {"id": f"{theme_slug}-{kind.replace('_', '-')}-{i:05d}",
                  "name": {"zh": name_zh, "en": f"{pinyin(place).replace(' ', '').title()} {theme_en} {kind_en}",
                           "evidence": ev(f"{name_zh}正式开园")},
                  "kind": kind, "level": {"id": "unknown"}}
    if rng.random() < 0.3:
        data["aliases"] = [{"zh": f"{place}{theme_zh}园", "type": "short", "evidence": ev(f"简称{place}{theme_zh}园")}]
    if parent is not None:
        data["parent"] = {"park": parent, "evidence": ev(f"{name_zh}是上级园区的分园")}
    data["location"] = {"as_of": source["published"], "divisions": [{"code": division.code, "name": place}],
                        "evidence": ev(f"{name_zh}位于{division.prefecture}{place}")}
    data["dates"] = [{"event": "opened", "date": source["published"], "evidence": ev(f"{name_zh}开园仪式举行")}]
    data["leading_industries"] = [{"zh": f"{theme_zh}产业", "en": f"{theme_en.lower()} industry",
                                   "evidence": ev(f"重点发展{theme_zh}产业")}]
    if rng.random() < 0.5:
        data["organisations"] = [{"organisation": f"management-committee-{i:05d}", "role": "administrator",
                                  "evidence": ev(f"{name_zh}管理委员会负责园区运营")}]
    count = rng.randint(5, 15)
    n_targets = rng.randint(2, count - 2)
    data["targets"] = [_quantity(rng, n, rng.choice(TARGETS), sid, quotes, target=True, year=year)
                       for n in range(n_targets)]
    data["observations"] = [_quantity(rng, n, rng.choice(OBSERVATIONS), sid, quotes, target=False, year=year)
                            for n in range(n_targets, count)]
    if i % 5 == 0:  # one file in five writes its evidence in flow style
        for item in (data["name"], *data["targets"], *data["observations"]):
            item["evidence"] = Flow(item["evidence"])
    return data


def dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=200)


def generate(n: int, out: Path, seed: int = 7) -> None:
    """Write the project: package.yaml, vocabularies, sources with their texts, and `n` parks."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for folder in ("annotations/parks", "annotations/organisations", "annotations/sources", "texts"):
        (out / folder).mkdir(parents=True)
    shutil.copy(REPO / "package.yaml", out / "package.yaml")
    shutil.copytree(REPO / "annotations" / "vocabularies", out / "annotations" / "vocabularies")
    pools: dict[int, list[areacodes.Division]] = {}
    sources: list[tuple[dict, list[str]]] = []
    recent: list[str] = []
    for i in range(n):
        if i % PARKS_PER_SOURCE == 0:
            year = rng.randint(2015, 2024)
            zh, en = rng.choice(PUBLISHERS)
            source = {"id": f"source-{i // PARKS_PER_SOURCE:05d}", "type": "news_article",
                      "publisher": {"zh": zh, "en": en},
                      "published": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                      "file": f"source-{i // PARKS_PER_SOURCE:05d}.txt"}
            sources.append((source, []))
        source, quotes = sources[-1]
        year = int(source["published"][:4])
        pool = pools.setdefault(year, _divisions(year))
        parent = rng.choice(recent) if recent and rng.random() < 0.1 else None
        data = park(rng, i, source, rng.choice(pool), quotes, parent)
        recent = (recent + [data["id"]])[-20:]
        (out / "annotations" / "parks" / f"{data['id']}.yaml").write_text(dump(data), encoding="utf-8")
        for link in data.get("organisations", []):  # each organisation in the registry, named as in its park's quote
            record = {"id": link["organisation"], "name": {
                "zh": f"{data['name']['zh']}管理委员会", "en": f"Management Committee of park {i}",
                "evidence": link["evidence"]}}
            (out / "annotations" / "organisations" / f"{record['id']}.yaml").write_text(dump(record), encoding="utf-8")
    for source, quotes in sources:
        text = ("\n".join(f"{q}。" for q in quotes) + "\n").encode("utf-8")
        (out / "texts" / source["file"]).write_bytes(text)
        record = {**source, "sha256": hashlib.sha256(text).hexdigest(),
                  "titles": [{"zh": f"{source['publisher']['zh']}园区报道"}]}
        (out / "annotations" / "sources" / f"{source['id']}.yaml").write_text(dump(record), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of parks")
    parser.add_argument("out", type=Path, help="project folder to write (replaced if it exists)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    generate(args.n, args.out, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
