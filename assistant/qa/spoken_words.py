"""Spoken words for what the forms write in other words (issue 24, sealed12): read before any name is matched.

- 手机端, 手机客户端: the forms write 移动端 (党费缴纳移动端功能开发完成率); 手机 there is no 联系电话 asked;
- 电脑端, 桌面端: the forms write PC端 (党费缴纳PC端功能开发);
- 出故障, 出了故障: a verb before 故障, which indicator names write bare (工作日故障响应时间);
- 响应时限, 到场时限: a time limit, which indicator names write 时间 (工作日故障响应时间); no form writes 时限;
- 23版, 26年版本, 23年那版 (sealed13): a project's form of that year, said as a version: the year alone; 两个版本,
  前后两版, 新版比旧版: its two years (两年), the later measured against the earlier.
"""

from __future__ import annotations

import re

_HANDSET = re.compile(r"手机(?:客户)?端")
_DESKTOP = re.compile(r"电脑(?:客户)?端|桌面端")  # the forms write PC端 (党费缴纳PC端功能开发)
_BREAKS_DOWN = re.compile(r"出了?(?=故障)")
_TIME_LIMIT = re.compile(r"(?<=[\u4e00-\u9fff])时限")  # 响应时限: 响应时间 as the forms write it
# A year (two or four digits, no part of a longer number) followed by 版/版本/那版: that year's form
_VERSION = re.compile(r"(?<![\d.第])((?:19|20)?[12]\d)(?:年)?(?:的|那一?)?(?:版本|版)(?![面式权块号])")

_TWO_VERSIONS = re.compile(r"(?:前后|新旧)?两个?版本?(?![面式权块号])")
# 新版比旧版少了几条, 新版跟老版比: the later form against the earlier, the order a change is read in (两年)
_NEW_OLD = re.compile(r"新(?:的那?一?)?版本?(?:比|较|跟|和|与|相比|对比)(?:起)?(?:旧|老)(?:的那?一?)?版本?(?:比)?")


def plain_spoken(text: str) -> str:
    """``text`` with the spoken words above written as the forms write them."""
    text = _VERSION.sub(r"\1年", _BREAKS_DOWN.sub("", _HANDSET.sub("移动端", _DESKTOP.sub("PC端", text))))
    text = _TIME_LIMIT.sub("时间", text)
    return _TWO_VERSIONS.sub("两年", _NEW_OLD.sub("两年相比", text))
