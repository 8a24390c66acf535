"""Chinese-language lines: numerals, 万/亿 magnitudes, measure words, rates, and what is not a claim."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import extract_text
from extract.chinese import find_chinese_quantities, has_cjk, parse_chinese_number
from extract.units import is_unit

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
BILINGUAL = SEEDS / "004_6715a186afd1f4c1.txt"
NEWS = SEEDS / "002_bbe9685bcaad8dc0.txt"


def seed_line(path: Path, number: int) -> str:
    return path.read_text(encoding="utf-8").split("\n")[number - 1]


def found(text: str) -> list[tuple]:
    return [(q.surface, q.value, q.low, q.high, q.unit, q.qualifier) for q in find_chinese_quantities(text)]


@pytest.mark.parametrize("numeral, value", [
    ("七十二", 72), ("三十万", 300_000), ("两千亿", 2e11), ("一亿五千万", 1.5e8), ("十", 10),
    ("十亿", 1e9), ("一百零五", 105), ("两万亿", 2e12), ("八", 8), ("九十九", 99),
])
def test_chinese_numerals(numeral, value):
    assert parse_chinese_number(numeral) == value


@pytest.mark.parametrize("text", ["二〇二四", "", "七十x"])
def test_non_numerals_are_refused(text):
    with pytest.raises(ValueError):
        parse_chinese_number(text)


@pytest.mark.parametrize("text, expected", [
    ("该系列拥有2万亿个参数", ("2万亿个参数", 2e12, 2e12, 2e12, "parameter", "exact")),
    ("他们有10万块GPU", ("10万块GPU", 1e5, 1e5, 1e5, "GPU", "exact")),
    ("成本是1.4美元", ("1.4美元", 1.4, 1.4, 1.4, "USD", "exact")),
    ("只要每小时1.4美元", ("每小时1.4美元", 1.4, 1.4, 1.4, "USD/hour", "exact")),
    ("租金是1.4美元一小时", ("1.4美元一小时", 1.4, 1.4, 1.4, "USD/hour", "exact")),
    ("百分之五十的工作", ("百分之五十", 50, 50, 50, "percent", "exact")),
    ("大约50%的人", ("大约50%", 50, 50, 50, "percent", "approx")),
    ("一台服务器里72个GPU", ("72个GPU", 72, 72, 72, "GPU", "exact")),
    ("每个参数20个token", ("每个参数20个token", 20, 20, 20, "token/parameter", "exact")),
    ("七十二块GPU", ("七十二块GPU", 72, 72, 72, "GPU", "exact")),
    ("采购三十万张芯片", ("三十万张芯片", 3e5, 3e5, 3e5, "chip", "exact")),
    ("估值两千亿美元", ("两千亿美元", 2e11, 2e11, 2e11, "USD", "exact")),
    ("售价30到60万美元", ("30到60万美元", 4.5e5, 3e5, 6e5, "USD", "exact")),
    ("还要三到四年", ("三到四年", 3.5, 3, 4, "year", "exact")),
    ("需要1吉瓦电力", ("1吉瓦", 1, 1, 1, "GW", "exact")),
    ("一个 5GW 的集群", ("5GW", 5, 5, 5, "GW", "exact")),
    ("500兆瓦的数据中心", ("500兆瓦", 500, 500, 500, "MW", "exact")),
    ("训练了3个月", ("3个月", 3, 3, 3, "month", "exact")),
    ("快了 3 倍", ("3 倍", 3, 3, 3, "dimensionless", "exact")),
    ("超过100万块GPU", ("超过100万块GPU", 1e6, 1e6, None, "GPU", "more_than")),
    ("至少 3 倍", ("至少 3 倍", 3, 3, None, "dimensionless", "at_least")),
    ("收入 30 亿美元左右", ("30 亿美元左右", 3e9, 3e9, 3e9, "USD", "approx")),
    ("将近 500 个专家", ("将近 500 个专家", 500, 500, 500, "expert", "approx")),
    ("不到一年", ("不到一年", 1, None, 1, "year", "less_than")),
    ("几千块 GPU", ("几千块 GPU", 5500, 1000, 10000, "GPU", "approx")),
    ("约1.4万个GPU", ("约1.4万个GPU", 14000, 14000, 14000, "GPU", "approx")),
    ("三分之一的收入", ("三分之一", 100 / 3, 100 / 3, 100 / 3, "percent", "approx")),
    ("甚至达到万亿美元级别", ("万亿美元", 1e12, 1e12, 1e12, "USD", "exact")),
    ("约120个国家", ("约120个国家", 120, 120, 120, "country", "approx")),
    ("约每月4.5万片晶圆的先进产能", ("约每月4.5万片晶圆", 45000, 45000, 45000, "wafer/month", "approx")),
    ("售价约230万元人民币", ("约230万元人民币", 2.3e6, 2.3e6, 2.3e6, "CNY", "approx")),
    ("2024年全年约有100万颗运往中国", ("约有100万颗", 1e6, 1e6, 1e6, "chip", "approx")),
    ("只有大约十二名", ("大约十二名", 12, 12, 12, "person", "approx")),
    ("估计1300万颗 HBM", ("估计1300万颗", 1.3e7, 1.3e7, 1.3e7, "chip", "approx")),
    ("这是一个总参数达1万亿的模型", ("1万亿", 1e12, 1e12, 1e12, "parameter", "exact")),
    ("训练成本560万美元", ("560万美元", 5.6e6, 5.6e6, 5.6e6, "USD", "exact")),
    ("这10倍的差距才会缩小", ("10倍", 10, 10, 10, "dimensionless", "exact")),
])
def test_quantities_in_chinese(text, expected):
    assert found(text) == [pytest.approx(expected)]


@pytest.mark.parametrize("text", [
    "在2024年发布", "4月8日发布", "(00:18) 他说了一些话", "GPT-4.5 出了什么问题", "H100 芯片很贵",
    "Llama 4模型的庞大规模", "第1章", "也许要到这十年末", "二〇二四年", "一个模型还不错",
    "他们在 24 年初开始训练", "千万不要这样", "运行 LLAMA-7B 的速度", "12 月我们给他们",
    "比如 Mark Chan 和其他人", "九牛一毛", "三星、苹果等公司", "这是万亿级别的市场",
])
def test_not_quantities(text):
    assert found(text) == []


def test_has_cjk():
    assert has_cjk("Meta 的人工智能战略")
    assert not has_cjk("Meta's AI strategy, $1.40 an hour")


def test_news_summary_parameter_count():
    """The Chinese summary at the top of the news podcast: "高达2万亿个参数" is up to 2e12 parameters."""
    line = seed_line(NEWS, 14)
    assert found(line) == [("高达2万亿个参数", 2e12, None, 2e12, "parameter", "at_most")]
    (quantity,) = find_chinese_quantities(line)
    assert line[quantity.start:quantity.end] == quantity.surface


def test_bilingual_gpu_rental_prices():
    """Line 681 translates "$6 an hour ... $1.40 an hour ... Maybe $2, maybe $1.75 ... $6 on Amazon"."""
    rows = found(seed_line(BILINGUAL, 681))
    assert [(r[0], r[1], r[4], r[5]) for r in rows] == [
        ("大约每小时 6 美元", 6, "USD/hour", "approx"),
        ("大约每小时 1.40 美元", 1.4, "USD/hour", "approx"),
        ("2 美元", 2, "USD", "exact"),
        ("1.75 美元", 1.75, "USD", "exact"),
        ("每小时 6 美元", 6, "USD/hour", "exact"),
    ]


def test_bilingual_tokens_per_parameter():
    rows = found(seed_line(BILINGUAL, 401))
    assert rows == [("每个参数应配约 20 个训练标记", 20, 20, 20, "token/parameter", "approx")]


def test_bilingual_nvlink_domain():
    rows = found(seed_line(BILINGUAL, 655))
    assert [(r[0], r[1], r[4]) for r in rows] == [("72 颗 GPU", 72, "GPU"), ("8 颗 GPU", 8, "GPU")]


def test_bilingual_money_with_yi_magnitudes():
    rows = found(seed_line(BILINGUAL, 260))
    assert [(r[0], r[1], r[4]) for r in rows] == [
        ("大概是 20%", 20, "percent"), ("49% 或 51%", 50, "percent"), ("大约是 10 倍", 10, "dimensionless"),
        ("100 亿美元", 1e10, "USD"), ("10 倍", 10, "dimensionless"), ("1000 亿美元", 1e11, "USD"),
        ("一半", 50, "percent"),  # "全部或一半利润": all or half of the profit
    ]
    assert rows[1][2:4] == (49, 51)


def test_bilingual_vague_magnitudes_and_ranges():
    assert found(seed_line(BILINGUAL, 615)) == [
        ("数十万颗自家 Mac 芯片", 550_000, 100_000, 1_000_000, "chip", "approx")]
    minutes = found(seed_line(BILINGUAL, 911))
    assert [(r[0], r[2], r[3], r[4]) for r in minutes] == [
        ("大约 20–30 秒", 20, 30, "second"), ("十几分钟", 10, 20, "minute"), ("几十分钟", 10, 100, "minute")]


def test_bilingual_people_and_companies():
    assert [(r[0], r[4], r[5]) for r in found(seed_line(BILINGUAL, 221))][:2] == [
        ("不到 100 人", "person", "less_than"), ("不到 50 人", "person", "less_than")]
    assert found(seed_line(BILINGUAL, 671)) == [("50 多家云公司", 50, 50, None, "company", "more_than")]
    assert found(seed_line(BILINGUAL, 140))[0][:5] == ("大概 28 或 29 岁左右", 28.5, 28, 29, "year")


def test_years_dates_and_model_names_in_seed_lines():
    """"2022 年" and "24 年初" are dates, "GPT-4.5" and "4.0 和 4.1" are model names."""
    assert found(seed_line(BILINGUAL, 397)) == []
    assert found(seed_line(BILINGUAL, 368)) == []
    assert found(seed_line(BILINGUAL, 26)) == []


def test_latin_sentences_inside_a_chinese_line_go_to_the_english_finder():
    line = seed_line(BILINGUAL, 1070)
    surfaces = [q.surface for q in find_chinese_quantities(line)]
    assert "$492.5 million" in surfaces
    assert not any("1987" in s or "02-27" in s for s in surfaces)


def test_every_unit_parses_and_offsets_match_on_all_chinese_seed_lines():
    count = 0
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not has_cjk(line):
                continue
            for quantity in find_chinese_quantities(line):
                count += 1
                assert is_unit(quantity.unit), quantity
                assert line[quantity.start:quantity.end] == quantity.surface
                assert quantity.qualifier in ("exact", "approx", "more_than", "less_than", "at_least", "at_most")
    assert count >= 60


def test_a_unit_in_any_case_reads_the_same():
    assert [q.unit for q in find_chinese_quantities("新园区耗电 1.5 gw，旧的 2 Gw。")] == ["GW", "GW"]


def test_a_descending_pair_is_no_range():
    assert find_chinese_quantities("他们的 9-5 块 GPU 和 9-六年") == []


def test_a_tab_between_number_and_magnitude_is_a_space():
    assert [(q.value, q.unit) for q in find_chinese_quantities("投资 5\t亿美元")] == [(5e8, "USD")]


def test_a_translation_is_about_what_its_original_is_about():
    text = ("Meta is poaching researchers with pay packages of $100 million, and Microsoft gets a 20% "
            "revenue share.\n"
            "Meta 用 1 亿美元的薪酬挖研究人员,微软获得 20% 的营收分成。\n")
    english, chinese = {}, {}
    for m in extract_text(text, "bilingual.md"):
        (chinese if m.lang == "zh" else english)[m.base_value] = (m.topic, m.entity)
    assert chinese == english
    assert english[1e8][0] == "talent" and english[20][0] == "finance"


def test_a_measure_word_alone_counts_what_the_english_line_above_names():
    text = ("About a million H20 GPUs went to China in 2024.\n"
            "2024年全年约有100万颗 H20 运往中国。\n")
    units = {(m.lang, m.value): m.unit for m in extract_text(text)}
    assert units == {("en", 1e6): "GPU", ("zh", 1e6): "GPU"}
