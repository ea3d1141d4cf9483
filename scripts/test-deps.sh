#!/usr/bin/env bash
# System programs the test suite drives for real (installed with apt when missing, as root):
#   soffice  — LibreOffice opens every exported .docx/.xlsx (tests/test_office.py)
#   chromium + chromedriver + a CJK font — the web workspace's end-to-end browser test
#   initdb/pg_ctl — a throwaway PostgreSQL server for the draft store tests
# Nothing is started here: each test fixture starts and stops what it uses.
set -euo pipefail
need=()
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || need+=(fonts-wqy-microhei)
command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "测试需要以下系统软件包：${need[*]}；请以 root 用 apt-get 安装后重试" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
