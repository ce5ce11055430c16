"""Round-trip a .qdpx through the real QualCoder, headless: import it, then export it again.

Drives QualCoder's own GUI code paths with `QT_QPA_PLATFORM=offscreen`, in the spirit of
`../shared/tools/qualcoder/qc_driver.py`:

1. File > Import > REFI-QDA project (.qdpx) into a new project (`MainWindow.refi_project_import`,
   which runs `new_project` and then `refi.RefiImport(..., "qdpx")`);
2. File > Export > REFI-QDA project (`MainWindow.refi_project_export`, which runs
   `refi.RefiExport(..., "project")`: it writes the project to `~/.qualcoder/NAME`, zips it,
   shows the line-endings dialog, asks for a folder with `QFileDialog.getExistingDirectory`,
   copies the zip to `FOLDER/NAME.qdpx` and shows a "Project exported" message).

Only the UI prompts are scripted: the save/open file dialogs and the folder dialog return
fixed paths, every `QDialog.exec` (the line-endings dialog, left at its default "No change
to line endings") returns at once, message boxes are recorded and answered No, and the
GitHub release check is skipped (no network). QualCoder's import and export code and its
database schema run unmodified. Where Qt's multimedia module cannot load (it needs the system
library libpulse.so.0), `PyQt6.QtMultimedia` and `PyQt6.QtMultimediaWidgets` are replaced by
stand-ins whose classes refuse to be built: QualCoder only imports them at start-up and uses
them to play audio and video, which a text round trip never does. The result says so
(`qtmultimedia_stubbed`).

Usage (from QualCoder's src/ folder, with QualCoder's venv python, HOME set to a scratch
folder, since the export writes to ~/.qualcoder):

    QT_QPA_PLATFORM=offscreen HOME=SCRATCH PYTHONPATH=QC/src \\
        QV/bin/python benchmarks/qualcoder_export_driver.py OUTDIR INPUT.qdpx

Writes OUTDIR/kp_roundtrip.qda (the imported QualCoder project), OUTDIR/export/kp_roundtrip.qdpx
(QualCoder's re-export) and OUTDIR/driver_result.json (paths, messages, dialogs, action logs,
errors). Exit code 0 when the re-export exists, 1 when it does not, 3 when QualCoder's
MainWindow lacks a method this driver calls.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
import types
from pathlib import Path
from typing import Any

PROJECT = "kp_roundtrip"
NEEDED = ("refi_project_import", "refi_project_export", "new_project", "close_project")


def script_prompts(answers: dict[str, list[str]], messages: list, dialogs: list) -> None:
    """Replace Qt's prompts by fixed answers and record what QualCoder showed.

    Args:
        answers: queues of paths for "save" (getSaveFileName), "open" (getOpenFileName)
            and "dir" (getExistingDirectory), consumed in order.
        messages: list that receives a {"title", "text"} dict per message box shown.
        dialogs: list that receives a line per dialog shown.
    """
    from PyQt6 import QtWidgets

    def mb_exec(self: Any) -> Any:
        messages.append({"title": self.windowTitle(), "text": self.text()})
        return QtWidgets.QMessageBox.StandardButton.No

    def dlg_exec(self: Any) -> int:
        dialogs.append(type(self).__name__)
        return 0

    def get_save(*_a: Any, **_k: Any) -> tuple[str, str]:
        path = answers["save"].pop(0)
        dialogs.append(f"QFileDialog.getSaveFileName -> {path}")
        return path, "All Files (*)"

    def get_open(*_a: Any, **_k: Any) -> tuple[str, str]:
        path = answers["open"].pop(0)
        dialogs.append(f"QFileDialog.getOpenFileName -> {path}")
        # QualCoder treats an empty selected filter as Cancel.
        return path, "(*.qdpx *.QDPX)"

    def get_dir(*_a: Any, **_k: Any) -> str:
        path = answers["dir"].pop(0)
        dialogs.append(f"QFileDialog.getExistingDirectory -> {path}")
        return path

    QtWidgets.QMessageBox.exec = mb_exec
    QtWidgets.QDialog.exec = dlg_exec
    QtWidgets.QFileDialog.getSaveFileName = staticmethod(get_save)
    QtWidgets.QFileDialog.getOpenFileName = staticmethod(get_open)
    QtWidgets.QFileDialog.getExistingDirectory = staticmethod(get_dir)


def stub_multimedia() -> str | None:
    """Stand in for PyQt6's multimedia modules when they cannot load; the reason, or None."""
    try:
        import PyQt6.QtMultimedia
        import PyQt6.QtMultimediaWidgets  # noqa: F401
    except ImportError as err:
        reason = str(err)
    else:
        return None

    def refuse(self: Any, *_a: Any, **_k: Any) -> None:
        raise RuntimeError(f"QtMultimedia is unavailable here ({reason})")

    names = {
        "PyQt6.QtMultimedia": ("QMediaPlayer", "QAudioOutput"),
        "PyQt6.QtMultimediaWidgets": ("QVideoWidget",),
    }
    for module, classes in names.items():
        stub = types.ModuleType(module)
        for cls in classes:
            setattr(stub, cls, type(cls, (), {"__init__": refuse}))
        sys.modules[module] = stub
    return reason


def _step(win: Any, result: dict, key: str, action: Any) -> None:
    """Run one menu action, keeping its action log, or its traceback on failure."""
    try:
        win.ui.textEdit.clear()
        action()
        result[f"{key}_log"] = win.ui.textEdit.toPlainText()
    except Exception:
        result[f"{key}_error"] = traceback.format_exc()


def round_trip(out: Path, qdpx: Path) -> dict:
    """Import `qdpx` into a new QualCoder project under `out`, then export it again.

    Args:
        out: output folder; receives PROJECT.qda and export/PROJECT.qdpx.
        qdpx: the .qdpx to import.

    Returns:
        What happened: QualCoder's version, project and export paths, the message boxes and
        dialogs shown, the action logs, and a traceback per failed step.
    """
    answers: dict[str, list[str]] = {"save": [], "open": [], "dir": []}
    messages: list = []
    dialogs: list = []
    script_prompts(answers, messages, dialogs)
    stubbed = stub_multimedia()
    import qualcoder.__main__ as qm
    from PyQt6 import QtWidgets

    missing = [name for name in NEEDED if not hasattr(qm.MainWindow, name)]
    if missing:
        print(f"QualCoder's MainWindow has no {missing}: update this driver", file=sys.stderr)
        os._exit(3)
    qm.MainWindow.get_latest_github_release = lambda self: None  # no network here
    import gettext

    gettext.NullTranslations().install()  # gui() does this before MainWindow; provides _()
    _qapp = QtWidgets.QApplication(sys.argv)
    qual_app = qm.App()
    win = qm.MainWindow(qual_app)
    export_dir = out / "export"
    export_dir.mkdir(parents=True, exist_ok=True)
    result: dict = {
        "qualcoder_version": getattr(qual_app, "version", None),
        "qtmultimedia_stubbed": stubbed,
    }

    answers["save"].append(str(out / PROJECT))
    answers["open"].append(str(qdpx))
    messages.append({"marker": "---- refi_project_import ----"})
    _step(win, result, "import", win.refi_project_import)
    result["project_path"] = win.app.project_path
    result["project_name"] = win.app.project_name

    answers["dir"].append(str(export_dir))
    messages.append({"marker": "---- refi_project_export ----"})
    _step(win, result, "export", win.refi_project_export)
    exported = export_dir / f"{win.app.project_name[:-4]}.qdpx"
    result["export_path"] = str(exported) if exported.is_file() else None
    result["messages"] = messages
    result["dialogs"] = dialogs
    result["unused_answers"] = answers
    return result


def main() -> None:
    """Command line: OUTDIR INPUT.qdpx; writes OUTDIR/driver_result.json."""
    if len(sys.argv) != 3:
        sys.exit("usage: python qualcoder_export_driver.py OUTDIR INPUT.qdpx")
    out = Path(sys.argv[1]).resolve()
    qdpx = Path(sys.argv[2]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    result = round_trip(out, qdpx)
    text = json.dumps(result, indent=1, ensure_ascii=False)
    (out / "driver_result.json").write_text(text, encoding="utf-8")
    brief = {k: v for k, v in result.items() if not k.endswith("_log")}
    print(json.dumps(brief, indent=1, ensure_ascii=False)[:4000])
    sys.stdout.flush()
    os._exit(0 if result["export_path"] else 1)  # skip Qt's teardown, as qc_driver.py does


if __name__ == "__main__":
    main()
