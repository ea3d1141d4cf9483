"""What `assistant import` (and `check`, `corpus build`) read, worded for help texts and hints; a light module
so the command line can name the formats without loading the readers. Keep in step with
``office.importer.is_office_file`` and ``ingest.text_export.parse_file``."""

IMPORT_FORMATS = (
    ".docx、.xlsx、旧版 .xls、.doc/.wps（经 LibreOffice 转换）、文字版 .pdf、保存的网页 .html、"
    ".txt 文本导出或网页复制的文本、JSON"
)
