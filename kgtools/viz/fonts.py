"""Matplotlib set-up for Chinese text: a CJK font (Noto Sans CJK, from fonts-noto-cjk).

:func:`setup` picks the first installed CJK font of :data:`PREFERRED` (or asks fontconfig
for a font covering Chinese) and makes it matplotlib's sans-serif font; SVG text stays
text (``svg.fonttype: none``) so titles and labels are searchable in the file and show in
the reader's own fonts. Without a CJK font it says so in one line on stderr, once, and
silences matplotlib's "Glyph … missing from font" warnings (hundreds per chart).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import warnings
from functools import cache
from typing import Any

from ..errors import UsageError

PREFERRED = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "Noto Sans CJK JP")  # fmt: skip
INSTALL_HINT = "install a CJK font: apt-get install fonts-noto-cjk"
NO_FONT = (
    "no CJK font installed: Chinese text in PNG would be boxes (SVG keeps it as text, "
    "drawn in the reader's fonts); apt-get install fonts-noto-cjk"
)
_said: list[bool] = []  # the note was printed (once per process)


def require_matplotlib() -> Any:
    """Import matplotlib with the Agg backend.

    :raises UsageError: matplotlib is not installed.
    """
    try:
        import matplotlib
    except ImportError:
        raise UsageError(
            "charts and images need matplotlib: pip install 'xuncha-kg[viz]' (or pip install matplotlib)"
        ) from None
    matplotlib.use("Agg", force=True)
    return matplotlib


@cache
def cjk_font() -> str | None:
    """The family name of an installed CJK font matplotlib can use, or None."""
    require_matplotlib()
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    for name in PREFERRED:
        if name in names:
            return name
    if shutil.which("fc-match"):
        path = subprocess.run(["fc-match", "-f", "%{file}", ":lang=zh-cn"], capture_output=True,
                              text=True, check=False).stdout.strip()  # fmt: skip
        if path and path.lower().endswith((".ttf", ".otf", ".ttc")):
            font_manager.fontManager.addfont(path)
            name = font_manager.FontProperties(fname=path).get_name()
            if name and any(k in name for k in ("CJK", "SC", "Hei", "Song", "Han")):
                return name
    return None


def setup(*, quiet: bool = False) -> str | None:
    """Configure matplotlib for Chinese labels; returns the CJK font's name, or None when
    none is installed (then :data:`NO_FONT` is printed to stderr once, unless ``quiet``:
    the caller says it its own way)."""
    matplotlib = require_matplotlib()
    font = cjk_font()
    if font is None:
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from (current )?font")
        warnings.filterwarnings("ignore", message=r"Matplotlib currently does not support")
        if not quiet and not _said:
            _said.append(True)
            print(f"Note: {NO_FONT}", file=sys.stderr)
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = ([font] if font else []) + ["DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["svg.fonttype"] = "none"
    matplotlib.rcParams["svg.hashsalt"] = "xuncha-kg"  # reproducible SVG ids
    return font
