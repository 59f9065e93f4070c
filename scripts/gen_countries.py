#!/usr/bin/env python3
"""Generates src/core/data/countries.json once from Debian's iso-codes
package (ISO 3166-1 alpha-2 list in /usr/share/iso-codes/json and its
zh_CN translations), with the short names a Chinese government consultant
uses where iso-codes gives a formal one. Run again only to refresh:
    apt-get install iso-codes && python3 scripts/gen_countries.py
"""
import gettext
import json
import os

ISO = "/usr/share/iso-codes/json/iso_3166-1.json"
OUT = os.path.join(os.path.dirname(__file__), "..", "src/core/data/countries.json")

# Chinese short names where iso-codes has the formal or an outdated one.
ZH = {
    "BO": "玻利维亚", "CD": "刚果（金）", "CG": "刚果（布）", "FM": "密克罗尼西亚联邦",
    "HK": "中国香港", "IR": "伊朗", "KP": "朝鲜", "KR": "韩国", "LA": "老挝",
    "MD": "摩尔多瓦", "MO": "中国澳门", "SY": "叙利亚", "TW": "中国台湾",
    "VA": "梵蒂冈", "FK": "福克兰群岛（马尔维纳斯）", "VE": "委内瑞拉", "SZ": "斯威士兰", "PS": "巴勒斯坦",
    "TZ": "坦桑尼亚", "VN": "越南", "RU": "俄罗斯", "GB": "英国", "US": "美国",
}
# English short names where iso-codes has the formal one only.
EN = {
    "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo",
    "FM": "Micronesia", "PS": "Palestine", "VA": "Vatican City", "RU": "Russia",
    "MK": "North Macedonia", "KR": "South Korea", "KP": "North Korea",
    "TW": "Taiwan, China", "HK": "Hong Kong, China", "MO": "Macao, China",
}

t = gettext.translation("iso_3166-1", localedir="/usr/share/locale", languages=["zh_CN"])
rows = []
for c in json.load(open(ISO))["3166-1"]:
    code = c["alpha_2"]
    en = EN.get(code, c.get("common_name", c["name"]))
    zh = ZH.get(code, t.gettext(c["name"]))
    aliases = []
    for a in [c["name"], c.get("official_name"), c.get("common_name"), t.gettext(c["name"]),
              t.gettext(c["official_name"]) if c.get("official_name") else None]:
        if a and a not in (en, zh) and a not in aliases:
            aliases.append(a)
    rows.append({"code": code, "name": {"zh": zh, "en": en}, "aliases": aliases})
rows.sort(key=lambda r: r["code"])
with open(OUT, "w") as f:
    f.write("[\n")
    f.write(",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in rows))
    f.write("\n]\n")
print(len(rows), "countries")
