"""Open a PDF in the system viewer, or print it through the print dialog.

Qt can choose a printer (QPrintDialog) but cannot draw a PDF without the QtPdf add-on,
so the chosen printer gets the file from the system's print service: CUPS ``lp`` on
Linux and macOS (which accept PDF directly), the "printto" verb on Windows. "Print to
file" in the dialog saves a copy of the PDF where the user chose.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget


class PrintError(Exception):
    """Printing failed; the message says what to do instead."""


@dataclass(frozen=True)
class PrintJob:
    printer: str
    copies: int = 1
    to_file: str = ""  # "Print to file" chosen: copy the PDF there


def pdf_viewer_available() -> bool:
    """False when this computer surely has no program to open a PDF with.

    On Linux and the BSDs, Qt hands files to xdg-open, which "succeeds" even when no program
    takes PDFs; so ask xdg-mime for the default PDF application. Windows and macOS always
    have a viewer (Edge, Preview), and Qt reports their failures itself.
    """
    if sys.platform in ("win32", "darwin"):
        return True
    if shutil.which("xdg-open") is None:
        return False
    xdg_mime = shutil.which("xdg-mime")
    if xdg_mime is None:
        return True  # cannot tell: let xdg-open try
    try:
        found = subprocess.run(
            [xdg_mime, "query", "default", "application/pdf"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return True
    return bool(found.stdout.strip())


def open_file(path: Path | str) -> bool:
    """Open the PDF in the system viewer; False when there is none (or it refused)."""
    if not pdf_viewer_available():
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_folder(path: Path | str) -> bool:
    folder = Path(path)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder if folder.is_dir() else folder.parent)))


def choose_printer(parent: QWidget | None) -> PrintJob | None:
    """The print dialog; None when the user cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(parent.tr("Print") if parent else "Print")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    to_file = printer.outputFileName() if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat else ""
    return PrintJob(printer.printerName(), max(1, printer.copyCount()), to_file)


def submit(path: Path, job: PrintJob) -> str:
    """Send ``path`` to the printer; returns a short confirmation."""
    if job.to_file:
        target = Path(job.to_file)
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        shutil.copyfile(path, target)
        return f"Saved a copy as {target.name}."
    if sys.platform == "win32":
        import ctypes

        result = ctypes.windll.shell32.ShellExecuteW(None, "printto", str(path), f'"{job.printer}"', None, 0)
        if result <= 32:
            raise PrintError("Windows could not print the file: open it and print from your PDF viewer.")
        return f"Sent to {job.printer}."
    lp = shutil.which("lp")
    if lp is None:
        raise PrintError("No print service (lp) was found: open the PDF and print from your viewer.")
    command = [lp, "-n", str(job.copies)]
    if job.printer:
        command += ["-d", job.printer]
    result = subprocess.run([*command, str(path)], capture_output=True, text=True, timeout=60, check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise PrintError(f"The printer refused the job ({detail[-1] if detail else 'no reason given'}).")
    return f"Sent to {job.printer or 'the default printer'}."
