#!/usr/bin/env bash
# ruff (lint and format) and pylint-odoo's mandatory checks on the suite.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV_BIN="$ROOT/.venv/bin"
cd "$ROOT"
"$VENV_BIN/ruff" check ar_risk ar_collection ar_factoring ar_risk_sale tests
"$VENV_BIN/ruff" format --check ar_risk ar_collection ar_factoring ar_risk_sale tests
"$VENV_BIN/pylint" --rcfile=.pylintrc-mandatory ar_risk ar_collection ar_factoring ar_risk_sale
echo "[ar] linters clean"
