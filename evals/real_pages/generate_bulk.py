"""Write N page copies in the layouts of the six real published pages, each a distinct project, for a bulk
build benchmark (issue 25 item 5):

    PYTHONPATH=. python evals/real_pages/generate_bulk.py OUT_DIR [N=2000]

Page i takes layout i mod 6 and renames the project ``<name>（第i号）``; everything else is the real page's
text, so the reader meets the real layouts (navigation, | cells, footnotes, truncation) 2,000 times.
"""

from __future__ import annotations

import sys
from pathlib import Path

PAGES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "real_pages"
NAMES = {
    "01_xiangtan_wupaoche.txt": "雾炮车降尘抑尘服务",
    "04_wuhai_gongxiaoshe_zaisheng.txt": "再生资源回收市场管理经费",
    "06_tongnan_wugui_xiangmuhuizong.txt": "潼南区五桂镇汇总项目库",
    "08_jingyan_mata_cunzuganbu_baochou.txt": "村组干部报酬",
    "10_jinzhai_kaifaqu_wuye.txt": "项目名称 物业管理",
    "11_jinan_tiyu_wangqiu_2025.txt": "2025金安国际网球公开赛(国际系列赛事)",
}


def main(out: Path, count: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    layouts = sorted(NAMES)
    for i in range(count):
        layout = layouts[i % len(layouts)]
        text = (PAGES / layout).read_text(encoding="utf-8")
        name = NAMES[layout]
        text = text.replace(name, f"{name}（第{i:04d}号）")
        (out / f"{i:04d}_{layout}").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 2000)
