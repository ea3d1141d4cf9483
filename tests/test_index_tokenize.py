from pathlib import Path

import pytest

from assistant.index.tokenize import DOMAIN_DICT, SearchTokenizer, normalize_doc_number, search_tokenizer


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory: pytest.TempPathFactory) -> SearchTokenizer:
    return SearchTokenizer(tmp_path_factory.mktemp("jieba"))


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("组厅字[2017]7号", "组厅字〔2017〕7号"),
        ("组厅字〔2017〕7号", "组厅字〔2017〕7号"),
        ("组厅字［2017］7号", "组厅字〔2017〕7号"),
        ("组厅字【2017】7号", "组厅字〔2017〕7号"),
        ("组厅字（2017）07号", "组厅字〔2017〕7号"),
        (" 沪委发[2017] 12号 ", "沪委发〔2017〕12号"),
        ("沪委组〔2016〕发22号", "沪委组〔2016〕发22号"),
        ("沪委组[2016]发22号", "沪委组〔2016〕发22号"),
        ("财预〔2021〕101号", "财预〔2021〕101号"),
        ("国办发〔2019〕57号", "国办发〔2019〕57号"),
        ("GB/T 22239-2019", "GB/T 22239-2019"),
        ("GB／T22239—2019", "GB/T 22239-2019"),
        ("gb/t 22239-2019", "GB/T 22239-2019"),
        ("预算执行率", "预算执行率"),
    ],
)
def test_normalize_doc_number(written: str, canonical: str) -> None:
    assert normalize_doc_number(written) == canonical


def test_doc_number_is_one_token_whatever_the_brackets(tokenizer: SearchTokenizer) -> None:
    for written in ("组厅字[2017]7号", "组厅字〔2017〕7号", "组厅字［2017］7号"):
        tokens = tokenizer.tokens(f"依据：关于印发部署技术方案的通知（{written}）")
        assert "组厅字〔2017〕7号" in tokens
        assert "2017" not in tokens and "7" not in tokens


def test_issuer_is_separated_from_the_words_before_it(tokenizer: SearchTokenizer) -> None:
    tokens = tokenizer.tokens("根据财预〔2021〕101号和国办发〔2019〕57号，按照GB/T 22239-2019开展等保测评。")
    assert {"财预〔2021〕101号", "国办发〔2019〕57号", "GB/T 22239-2019", "根据"} <= set(tokens)
    assert "根据财预〔2021〕101号" not in tokens
    assert "沪委组〔2016〕发23号" in tokenizer.tokens("《2016-2020年上海市组织系统信息化工作规划》沪委组[2016]发23号")


def test_domain_terms_stay_whole(tokenizer: SearchTokenizer) -> None:
    text = "服务对象满意度指标 生态环境成本指标 投入和管理目标 预算执行率 验收合格率 闵行区党建服务中心 运维"
    tokens = set(tokenizer.tokens(text))
    expected = {
        "服务对象满意度指标",
        "生态环境成本指标",
        "投入和管理目标",
        "预算执行率",
        "验收合格率",
        "闵行区党建服务中心",
    }
    assert expected <= tokens
    assert "运维" in tokens


def test_department_names_from_the_seeds_stay_whole(tokenizer: SearchTokenizer) -> None:
    for name in ("中共上海市委组织部", "上海市党建服务中心", "上海市人民代表大会常务委员会办公厅"):
        assert name in tokenizer.tokens(f"{name}申报")


def test_punctuation_whitespace_and_stopwords_are_dropped(tokenizer: SearchTokenizer) -> None:
    tokens = tokenizer.tokens("项目的目标：\t（一）提高效率，  保障安全！≥ 90%")
    assert all(any(ch.isalnum() for ch in token) for token in tokens)
    assert "的" not in tokens
    assert {"目标", "提高", "效率", "90%"} <= set(tokens)


def test_latin_is_lowercased_and_fullwidth_folded(tokenizer: SearchTokenizer) -> None:
    assert tokenizer.tokens("ＯＡ系统") == tokenizer.tokens("oa系统")


def test_jieba_cache_file_lives_in_the_given_folder(tmp_path: Path) -> None:
    SearchTokenizer(tmp_path).tokens("绩效目标")
    assert (tmp_path / "jieba.cache").is_file()


def test_one_tokenizer_per_cache_folder(tmp_path: Path) -> None:
    assert search_tokenizer(tmp_path) is search_tokenizer(tmp_path)


def test_domain_dictionary_lines_are_word_frequency_tag() -> None:
    for line in DOMAIN_DICT.read_text(encoding="utf-8").splitlines():
        word, frequency, tag = line.split(" ")
        assert word and frequency.isdigit() and tag.isalpha()
