# The suite's two commands (see README.md). Both find Odoo 18 through ODOO_PATH
# or an `odoo` package importable by python3, and install what they need.
.PHONY: demo test lint bench

demo:  ## serve a French demo database with the suite at http://127.0.0.1:8069
	bash .ci/demo.sh

test:  ## fresh test database, the whole pytest-odoo suite, then the linters
	bash .ci/test.sh

lint:  ## ruff and pylint-odoo's mandatory checks only
	bash .ci/lint.sh

bench:  ## benchmarks at a small scale, side by side with the OCA peers (see tests/benchmarks/README.md)
	bash .ci/bench.sh
