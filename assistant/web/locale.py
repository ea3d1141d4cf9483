"""Gradio's own words in Chinese, whatever language the browser asks for.

Gradio translates its component strings (upload areas, table menus, login, connection notices) by the browser's
locale, so an English-locale browser would show English inside a Chinese page: `GRADIO_ZH` gives those keys in
Chinese for every locale (`gr.I18n`). The busy overlay's "processing | 0.7s" and "queue: 1/2" are not translatable
in Gradio 6; `OVERLAY_CSS` shows 处理中 in their place. Nor is a message box's title: Gradio 6 writes its kind
(Error, Warning, Info, Success) whatever ``title=`` a handler gives, so `OVERLAY_CSS` writes 错误/警告/提示/完成 there.
"""

from __future__ import annotations

import gradio as gr

GRADIO_ZH: dict[str, str] = {
    "common.clear": "清除",
    "common.download": "下载",
    "common.edit": "编辑",
    "common.empty": "空",
    "common.error": "错误",
    "common.info": "提示",
    "common.warning": "警告",
    "common.success": "完成",
    "common.complete": "完成",
    "common.progress": "进度",
    "common.loading": "加载中",
    "common.or": "或",
    "common.remove": "移除",
    "common.submit": "提交",
    "common.undo": "撤销",
    "common.settings": "设置",
    "common.language": "语言",
    "common.display_theme": "显示主题",
    "common.built_with_gradio": "使用 Gradio 构建",
    "upload_text.click_to_upload": "点击上传",
    "upload_text.drop_file": "将文件拖放到此处",
    "upload_text.drop_csv": "将 CSV 文件拖放到此处",
    "upload_text.paste_clipboard": "从剪贴板粘贴",
    "file.uploading": "正在上传...",
    "dataframe.new_row": "新行",
    "dataframe.new_column": "添加列",
    "dataframe.add_row_above": "在上方添加行",
    "dataframe.add_row_below": "在下方添加行",
    "dataframe.delete_row": "删除行",
    "dataframe.delete_column": "删除列",
    "dataframe.add_column_left": "在左侧添加列",
    "dataframe.add_column_right": "在右侧添加列",
    "dataframe.sort_column": "排序列",
    "dataframe.sort_ascending": "升序排序",
    "dataframe.sort_descending": "降序排序",
    "dataframe.clear_sort": "清除排序",
    "dataframe.drop_to_upload": "将 CSV 或 TSV 文件拖放到此处",
    "dataframe.incorrect_format": "格式不正确，仅支持 CSV 和 TSV 文件",
    "blocks.connection_can_break": "如果此标签页失去焦点或设备休眠，连接可能会中断。",
    "blocks.lost_connection": "连接已断开，正在重新连接……",
    "blocks.waiting_for_inputs": "等待文件上传完成，请稍后重试。",
    "login.login": "登录",
    "login.username": "用户名",
    "login.password": "密码",
    "login.incorrect_credentials": "用户名或密码不正确",
    "errors.runtime_error": "出现运行错误",
    "errors.contact_page_author": "请联系管理员。",
    "dropdown.dropdown": "下拉菜单",
    "checkbox.checkbox": "复选框",
    "number.number": "数字",
    "plot.plot": "图表",
    "radio.radio": "单选框",
}
LOCALES = ("en", "en-US", "en-GB", "zh", "zh-CN", "zh-TW", "zh-HK", "ja", "fr", "de", "es", "ru", "ko")

OVERLAY_CSS = """
.progress-text { font-size: 0 !important; }
.progress-text::after { content: "处理中……"; font-size: var(--text-sm, 14px); }
.toast-title { font-size: 0 !important; }
.toast-title .toast-count { font-size: var(--text-sm, 14px); }
.toast-title.error::before { content: "错误"; font-size: var(--text-md, 16px); }
.toast-title.warning::before { content: "警告"; font-size: var(--text-md, 16px); }
.toast-title.info::before { content: "提示"; font-size: var(--text-md, 16px); }
.toast-title.success::before { content: "完成"; font-size: var(--text-md, 16px); }
"""


def chinese_i18n() -> gr.I18n:
    """Gradio's component strings in Chinese for the browser locales officers' machines use."""
    return gr.I18n(**{locale: GRADIO_ZH for locale in LOCALES})
