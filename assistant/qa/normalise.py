"""A question written as the readers expect it: no spaces, ASCII digits and letters, years in digits, and spoken
turns (花多少, 哪个贵, 排老二, 全库, 沾点边, 举几个例子) in the words the readers match."""

from __future__ import annotations

import re

from assistant.qa.question_words import FULL_WIDTH, RANKED_ONE
from assistant.qa.rank_words import plain_rank_words
from assistant.qa.spoken_words import plain_spoken
from assistant.qa.years import digit_years


def normalise(question: str) -> str:
    """No spaces, ASCII digits and letters (２０２３ → 2023), years in Chinese numerals as digits (二〇二三年 → 2023年),
    花多少 as 花了多少."""
    text = "".join(question.split()).translate(FULL_WIDTH).replace("?", "？")
    text = _SPENT.sub("花了", text)  # 花多少: spoken for 花了多少 (the money, like 花了)
    text = _DEAR.sub(lambda m: f"{m[1]}钱{'多' if m[2] == '贵' else '少'}", text)  # 哪个贵: 哪个钱多
    text = plain_rank_words(text)  # 指标写得最满的表: the most
    text = _ELDEST.sub(lambda m: f"第{m[1]}", text)  # 排老二: spoken for 第二
    text = _WHOLE_CORPUS.sub("", text)  # 全库一共多少条: the whole corpus, no filter
    text = _AVERAGED.sub("平均", text)  # 平均下来每个项目: an average
    text = RANKED_ONE.sub(r"\1的", text)  # 最多的那个项目: the ranking's winner, no pointer
    text = _TOUCHING.sub("沾边", text)  # 沾点边, 沾得上边: related (read before any typo is corrected: 沾 is no 站)
    text = plain_spoken(text)  # 手机端 → 移动端, 出故障 → 故障: as the forms write them
    text = _KIND_OF.sub("类", text)  # 合格率这种指标, 完成率那块的指标: indicators of that kind (合格率类指标)
    return digit_years(_EXAMPLES.sub("举例", text))  # 给几个例子: examples asked for, nothing counted


_SPENT = re.compile(r"花(?=多少|几)")


_TOUCHING = re.compile(r"沾(?:点|上|得上|一点|上点)边|搭(?:点|上|得上)边")


_KIND_OF = re.compile(
    r"(?<=[\u4e00-\u9fffA-Za-z])(?:那一?类|这一?类|那种|这种|那块|这块|一类|之类|那样|这样)的?(?:定性|定量)?的?(?=指标)"
)


_ELDEST = re.compile(r"(?<=排)老([二三四五])|(?<=排)老(二)(?=的)")  # 排老二, 排老三: second, third place


_WHOLE_CORPUS = re.compile(r"(?:整个|全部|全)(?:语料)?库(?:里面?|中)?的?|(?:语料)?库里(?:面|头)?的?")


_AVERAGED = re.compile(r"平均(?:算|摊|分)?下来|平摊下来|均摊下来")


_DEAR = re.compile(r"(哪个|哪一个|哪项|谁)更?(贵|便宜)")


_EXAMPLES = re.compile(
    r"(?:举|给|列|来|说)(?:我|咱|俺|下|一下|出)?(?:几|一|两|三|些)?个?(?:例子|实例|示例|样例|样子|范例|范文|例)(?:说说|看看|吧)?|(?:有什么|有哪些|有啥)(?:例子|实例|示例)"
    # 找几个参考, 举两个, 挑几个看看: a few shown, nothing counted (举 of 选举 is no verb of its own)
    r"|(?:(?<![选推])举|找|挑|拿)(?:我|咱|俺|下|一下|出)?(?:几|一两|两三|三五|两|三|些|一些)个?(?:参考|样本|借鉴|看看|瞧瞧|出来)?"
    r"|(?:参考|借鉴)(?:一下|下)?(?:几|一两|两三|三五|两|三|些|一些)个|(?:几|一两|两三|两|三|些)个(?:参考|样本|范例)"
    r"|(?:给|来|列)(?:我|咱|俺|下|一下|出)?(?:几|一两|两三|两|三|些|一些)[个条项]?(?:参考|样本|借鉴|看看|瞧瞧)"
)
