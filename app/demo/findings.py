"""What a demo inspector finds: which items apply where, how many cases, and the words used
(places along the zone, descriptions, summaries) — so the demo reads like a real county's."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from domain.template import TemplateItem

_CORNERS = ("东北角", "东南角", "西北角", "西南角")
_SIDES = ("东", "西", "南", "北")
_ROAD_SPOTS = ("人行道", "非机动车道", "公交站台旁", "绿化带旁", "路口", "小区出入口")
_SHOPS = (
    "兴旺超市",
    "老王面馆",
    "顺达汽修",
    "鑫鑫水果店",
    "阿香小吃",
    "华联便利店",
    "好再来饭店",
    "佳美五金店",
    "福满楼酒家",
    "金穗粮油店",
)
_ALLEYS = ("幸福巷", "和平巷", "向阳巷", "光明巷", "育才巷", "民主巷")
_COMMUNITIES = ("阳光小区", "金桥花园", "桂花苑", "翠竹小区", "教师新村", "锦江苑")
_COMMUNITY_SPOTS = ("东门口", "南门外", "北门内侧", "3号楼下", "围墙外侧", "垃圾分类亭旁")
_SITE_SPOTS = {
    "市场": ("东门入口处", "北侧通道", "水产区后侧", "停车场", "西侧围墙外", "南门外人行道"),
    "车站": ("出站口西侧", "进站口广场", "出租车候客区", "公交首末站旁", "广场东侧花坛"),
    "公园": ("南门广场", "湖边步道", "儿童游乐区旁", "北门停车场", "公厕后侧", "东侧绿地"),
    "工地": ("大门口", "东侧围挡外", "出入口冲洗平台处", "南侧道路", "西侧材料堆场"),
    "中转站": ("卸料平台旁", "大门外道路", "东侧围墙外", "压缩设备区", "北侧空地"),
}
_SITE_DEFAULT = ("东侧", "西侧", "入口处", "周边道路", "北侧空地")


def _is_road(name: str) -> bool:
    return name.endswith(("路", "街", "大道", "巷"))


def _road_parts(name: str) -> tuple[str, str, str] | None:
    """'人民路（解放路—建设路）' → ('人民路', '解放路', '建设路')."""
    if "（" not in name or not name.endswith("）"):
        return None
    road, _, rest = name.partition("（")
    ends = rest[:-1].replace("-", "—").split("—")
    if len(ends) != 2 or not all(ends):
        return None
    return road, ends[0], ends[1]


def place_maker(zone: dict[str, Any]) -> Callable[[random.Random], str]:
    """A function drawing a realistic place inside the zone, for a finding's description."""
    name = zone["name"]
    if zone["kind"] == "road_segment" and (parts := _road_parts(name)):
        road, start, end = parts

        def on_road(rng: random.Random) -> str:
            choice = rng.randrange(5)
            if choice < 2:
                cross = start if choice == 0 else end
                if _is_road(cross):
                    return f"{road}与{cross}交叉口{rng.choice(_CORNERS)}"
                return f"{road}近{cross}处{rng.choice(_SIDES)}侧"
            if choice == 2:
                return f"{road}{rng.randrange(2, 300, 2)}号门前"
            if choice == 3:
                return f"{road}{start}至{end}段{rng.choice(_SIDES)}侧{rng.choice(_ROAD_SPOTS)}"
            return f"{road}{rng.randrange(1, 300)}号{rng.choice(_SHOPS)}门前"

        return on_road
    if zone["kind"] == "grid":

        def in_grid(rng: random.Random) -> str:
            if rng.random() < 0.5:
                return f"{name}{rng.choice(_ALLEYS)}{rng.randrange(1, 60)}号旁"
            return f"{name}{rng.choice(_COMMUNITIES)}{rng.choice(_COMMUNITY_SPOTS)}"

        return in_grid
    spots = next((s for key, s in _SITE_SPOTS.items() if key in name), _SITE_DEFAULT)

    def at_site(rng: random.Random) -> str:
        return f"{name}{rng.choice(spots)}"

    return at_site


# -- what a problem looks like, per item ---------------------------------------------------------

# {a} area in m², {v} volume in m³, {m} metres, {c} larger area, {k} a few, {d} a dozen, {shop}.
_PHRASES: dict[str, tuple[str, ...]] = {
    "DL-01": ("路面泥浆污渍约{a}平方米", "人行道烟头纸屑较多，清扫不及时", "路面油污约{a}平方米"),
    "DL-02": ("人行道地砖松动破损约{a}平方米", "车行道坑槽约{a}平方米", "路缘石缺损{k}块"),
    "DL-03": ("路面砂石遗撒约{m}米", "渣土遗撒未及时清理约{m}米"),
    "DL-04": ("路面积水约{a}平方米，雨水口堵塞", "人行道低洼处积水未排除"),
    "DL-05": ("人行道积雪未清除", "路面结冰未撒融雪剂"),
    "DL-06": ("盲道砖缺损{k}块", "盲道中断约{m}米"),
    "DL-07": ("水果摊占用人行道经营", "流动早餐车占道经营", "蔬菜摊点占道摆卖约{a}平方米"),
    "DL-08": ("{shop}超出门窗外摆放货物", "{shop}在门前搭设操作台加工食品"),
    "DL-09": ("流动商贩沿街叫卖", "三轮车游商兜售水果"),
    "DL-10": ("摊点露天烧烤，地面油污明显", "{shop}在人行道设置烧烤炉"),
    "JZ-01": ("正在搭建彩钢棚约{c}平方米", "违规加盖砖混房屋，正在施工"),
    "JZ-02": ("门前搭建彩钢雨棚约{c}平方米", "私自搭建简易棚屋一处"),
    "JZ-03": ("未办理许可擅自施工建设", "无证建设围墙约{m}米"),
    "JZ-04": ("临街窗口晾晒衣物", "树木间拉绳晾晒被褥"),
    "JZ-05": ("{shop}店招破损褪色", "{shop}一店多招"),
    "JZ-06": ("楼顶广告牌未经审批设置", "人行道违规设置落地广告牌{k}块"),
    "JZ-07": ("电杆、墙面张贴小广告{k}处", "墙面喷涂办证小广告"),
    "JZ-08": ("裸土未覆盖约{c}平方米", "土方作业未采取洒水降尘措施"),
    "JZ-09": ("施工围挡破损倾斜约{m}米", "围挡高度不足1.8米"),
    "JZ-10": ("施工废弃料堆放于围挡外", "建筑垃圾未及时清运约{v}立方米"),
    "CL-01": ("机动车停放于人行道{k}辆", "机动车违停占用非机动车道"),
    "CL-02": ("电动车停放无序约{d}辆", "非机动车停放超出停车线"),
    "CL-03": ("共享单车堆积倒伏约{d}辆", "共享单车占用盲道"),
    "CL-04": ("消防通道被机动车占用", "消防通道堆放杂物"),
    "CL-05": ("长期停放废弃轿车一辆，车身积灰", "废弃三轮车占道停放"),
    "CL-06": ("渣土车篷布未覆盖行驶", "运输车辆密闭不严，沿途抛洒"),
    "CL-07": ("出场车辆未冲洗，车轮带泥上路", "冲洗设施未使用，出口路面带泥约{m}米"),
    "CL-08": ("洗车店在人行道洗车，污水横流", "洗车店占用人行道作业"),
    "CL-09": ("私设地锁{k}个", "公共区域私设停车桩"),
    "CL-10": ("电动车飞线充电", "充电桩周边线缆凌乱"),
    "LZ-01": ("绿化带内有白色垃圾", "绿地内堆放杂物"),
    "LZ-02": ("绿化带杂草丛生约{c}平方米", "绿篱缺株断档约{m}米"),
    "LZ-03": ("行道树缺株{k}棵", "行道树树穴裸露未覆盖"),
    "LZ-04": ("绿地被踩踏成路约{a}平方米", "私自毁绿种菜约{a}平方米"),
    "LZ-05": ("绿地护栏断裂约{m}米", "绿地护栏倾倒"),
    "LZ-06": ("古树挂牌缺失", "古树周边堆放杂物"),
    "HW-01": ("暴露垃圾约{a}平方米", "散落生活垃圾未清理"),
    "HW-02": ("积存建筑垃圾约{v}立方米", "积存生活垃圾渣土一处"),
    "HW-03": ("垃圾桶满溢未及时清运", "垃圾箱周边散落垃圾"),
    "HW-04": ("垃圾分类投放点混投混放", "分类垃圾桶标识不清"),
    "HW-05": ("垃圾箱破损缺盖{k}个", "果皮箱锈蚀破损"),
    "HW-06": ("公厕地面湿滑有异味", "公厕洗手设施损坏"),
    "HW-07": ("焚烧树叶垃圾", "有焚烧垃圾痕迹"),
    "HW-08": ("乱堆杂物约{a}平方米", "堆放废旧家具、纸箱"),
    "HW-09": ("{shop}油烟直排", "{shop}未安装油烟净化设施"),
    "SZ-01": ("检查井盖缺失，未设警示", "井盖破损下沉"),
    "SZ-02": ("交通护栏倾斜破损约{m}米", "中央隔离护栏缺失{k}片"),
    "SZ-03": ("便道桩缺失{k}根", "便道桩歪斜"),
    "SZ-04": ("架空线缆脱落下垂", "通信线缆凌乱垂挂"),
    "SZ-05": ("杆体倾斜", "杆体锈蚀、张贴小广告"),
    "SZ-06": ("施工占道未设置警示标志", "施工完毕未及时恢复路面"),
    "SZ-07": ("未经审批开挖路面约{m}米", "擅自开挖人行道埋设管线"),
    "SZ-08": ("宣传栏玻璃破损", "宣传栏内容过期未更新"),
    "LD-01": ("路灯不亮{k}盏", "连续{k}盏路灯不亮"),
    "LD-02": ("路灯灯罩破损", "路灯检修门缺失，线缆外露"),
    "LD-03": ("景观灯带部分不亮", "楼体亮化缺亮"),
    "LD-04": ("白天路灯未关闭{k}盏", "路灯白天长明"),
    "LD-05": ("{shop}灯箱缺笔少画",),
    "LD-06": ("户外广告亮灯不全",),
    "SX-01": ("水面有油污、异味", "水体浑浊发黑"),
    "SX-02": ("水面漂浮垃圾约{a}平方米", "水面漂浮塑料袋、泡沫"),
    "SX-03": ("岸坡倾倒建筑渣土约{v}立方米", "河岸倾倒生活垃圾"),
    "SX-04": ("岸线乱堆杂物", "岸边堆放废旧船只杂物"),
    "SX-05": ("滨河护栏缺失约{m}米，存在安全隐患", "护栏松动"),
    "SX-06": ("滨河步道地砖破损约{a}平方米", "步道栏杆破损"),
    "SX-07": ("岸线私搭简易棚屋", "河岸违规搭建钓鱼平台"),
}

# How often an item shows up as a problem, relative to 1: everyday disorder is common, serious
# violations are rare.
_FREQUENCY = {
    "DL-01": 3, "DL-07": 3, "DL-08": 3, "DL-09": 1.5, "HW-01": 4, "HW-03": 3, "HW-04": 2,
    "HW-08": 3, "CL-01": 4, "CL-02": 4, "CL-03": 2, "JZ-04": 1.5, "JZ-05": 2, "JZ-07": 3,
    "LZ-01": 2.5, "LZ-02": 1.5, "SZ-03": 1.5, "SZ-05": 1.5, "LD-04": 1.5,
    "JZ-01": 0.3, "JZ-02": 0.4, "JZ-03": 0.2, "HW-07": 0.3, "SZ-01": 0.4, "SZ-07": 0.2,
    "CL-04": 0.4, "LZ-06": 0.2, "SX-07": 0.3, "DL-10": 0.5,
}  # fmt: skip

# Zone profile (by name) → items that are far more likely there.
_PROFILE_BOOST = {
    "市场": ("DL-07", "DL-08", "DL-09", "HW-01", "HW-03", "HW-08", "CL-02"),
    "车站": ("CL-01", "CL-02", "CL-03", "DL-09", "HW-03", "JZ-07"),
    "公园": ("LZ-01", "LZ-02", "LZ-04", "HW-06", "SX-02"),
    "工地": ("JZ-08", "JZ-09", "JZ-10", "CL-06", "CL-07", "DL-03"),
    "中转站": ("HW-01", "HW-02", "HW-03", "HW-08", "CL-06", "DL-01"),
    "网格": ("JZ-02", "JZ-04", "HW-04", "HW-08", "CL-09", "CL-10", "CL-04"),
}
_WATER_WORDS = ("河", "湖", "滨", "桥", "水")
_NIGHT_ITEMS = ("LD-01", "LD-03", "LD-05", "LD-06")  # only judged after dark
_BUILDING_SITE_ITEMS = ("JZ-08", "JZ-09", "JZ-10", "CL-07")
_STREET_TRADE = ("DL-07", "DL-08", "DL-09", "DL-10")
_SEVERITY_PULL = {"minor": 1.0, "major": 3.0, "severe": 5.0}  # at tidiness 0; none at 1


def item_applies(item: TemplateItem, zone: dict[str, Any], day: date, rng: random.Random) -> bool:
    """Whether the item can be judged on this visit (daytime, this zone, this season)."""
    name, code = zone["name"], item.code
    if code.startswith("SX-"):
        return any(w in name for w in _WATER_WORDS)
    if code in _NIGHT_ITEMS:
        return False  # inspections run by day
    if code == "DL-05":
        return day.month in (12, 1, 2)
    if code in _BUILDING_SITE_ITEMS:
        return "工地" in name or (zone["kind"] == "road_segment" and rng.random() < 0.3)
    if code == "LZ-06":
        return "公园" in name or rng.random() < 0.1
    if code == "HW-06":
        return zone["kind"] == "site" or rng.random() < 0.6
    return not (code in _STREET_TRADE and ("工地" in name or "中转站" in name))


def item_weight(item: TemplateItem, zone: dict[str, Any], tidiness: float) -> float:
    """How likely the item is among a visit's problems; untidy units get the serious ones."""
    weight = _FREQUENCY.get(item.code, 1.0) * _SEVERITY_PULL[item.severity] ** (1 - tidiness)
    profile = "网格" if zone["kind"] == "grid" else ""
    for key, boosted in _PROFILE_BOOST.items():
        if (key in zone["name"] or key == profile) and item.code in boosted:
            weight *= 5
    return weight


def _fill(phrase: str, rng: random.Random) -> str:
    return phrase.format(
        a=rng.randint(1, 5),
        v=rng.randint(1, 6),
        m=rng.randrange(3, 31),
        c=rng.randrange(10, 81, 5),
        k=rng.randint(2, 6),
        d=rng.randrange(5, 21),
        shop=rng.choice(_SHOPS),
    )


def describe_problem(
    item: TemplateItem, cases: int, place: Callable[[random.Random], str], rng: random.Random
) -> str:
    """'人民路与建设路交叉口东北角暴露垃圾约2平方米' — one clause per case, at most two named."""
    phrases = _PHRASES.get(item.code, (f"存在{item.text}问题",))
    clauses = []
    for _ in range(min(cases, 2)):
        phrase = rng.choice(phrases)
        where = place(rng)
        joint = "，" if phrase.startswith("{shop}") else ""
        clauses.append(f"{where}{joint}{_fill(phrase, rng)}")
    text = "；".join(clauses)
    if cases > 2:
        text += f"，另有{cases - 2}处类似问题"
    return text


def case_count(rng: random.Random, tidiness: float) -> int:
    """1–4 cases; untidy units have more of them."""
    mess = 1 - tidiness
    return rng.choices((1, 2, 3, 4), weights=(6 - 3 * mess, 3 + mess, 1 + mess, 0.3 + mess))[0]


def problem_count(rng: random.Random, tidiness: float) -> int:
    """2–8 problem items per visit; tidy units nearer 2, untidy ones nearer 8."""
    mean = 2.5 + 4.5 * (1 - tidiness)
    return max(2, min(8, round(rng.gauss(mean, 1.1))))


# -- the plan ------------------------------------------------------------------------------------


_MODE_WORDS = {
    "unannounced": "采取“四不两直”方式对{zone}进行督查",
    "open": "对{zone}进行明查",
    "covert": "对{zone}进行暗访",
}


def visit_summary(
    zone: dict[str, Any], mode: str, start: datetime, row: dict[str, Any], texts: list[str]
) -> str:
    opening = _MODE_WORDS[mode].format(zone=zone["name"])
    main = "、".join(texts[:3])
    return (
        f"{start:%H:%M}{opening}，发现问题{row['problem_count']}项，"
        f"扣{row['deducted']:g}分。主要问题：{main}。"
    )
