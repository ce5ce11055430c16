# Set-up and entry points. `make repro` runs the analysis, `make test` runs the checks.
# The environment is installed from requirements/lock.txt; `make lock` remakes that file
# from pyproject.toml. `make test VENV=/tmp/x/venv` builds and tests another environment.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements/lock.txt
# An index for torch alone, for machines whose indexes offer only its CUDA build:
# make install TORCH_INDEX=https://download.pytorch.org/whl/cpu
TORCH_INDEX ?=
TORCH_INDEX_ARG := $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))
# Keep `make test VENV=...` from reaching the make runs inside the tests (tests/test_makefile.py).
MAKEOVERRIDES :=
unexport VENV

.PHONY: install lock repro test lint clean test-tools

$(STAMP): $(LOCK) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip -c $(LOCK)
	# The CPU wheel of torch must come first, or bertopic pulls a multi-GB CUDA build.
	$(BIN)/python -m pip install --quiet $(TORCH_INDEX_ARG) torch -c $(LOCK)
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# Resolve pyproject.toml in a throwaway venv and pin all of it (a few minutes).
lock:
	$(PYTHON) requirements/lock.py $(if $(TORCH_INDEX),--torch-index $(TORCH_INDEX))

# DVC runs each stage's `kruispunt ...` command in a shell: the environment's bin comes first.
repro: install
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/dvc repro

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# The Debian programs some export tests use (they are skipped, saying so, without them):
# LibreOffice prints the workbook to PDF (Carlito has Calibri's metrics, so pages break as
# in Excel) and Chromium renders report.html at phone and desktop widths. Run as root.
test-tools:
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui \
		fonts-crosextra-carlito chromium

clean:
	rm -rf data/interim data/processed reports/* metrics/*.json models/themes
