"""Our SVG charts drawn as PNG with Pillow, for the Word file (Word shows no inline SVG
without a PNG fallback, and no SVG renderer is installed on the server).

It draws exactly what reports.charts writes (rect, line, text with anchor and rotation) and
nothing more; None when Pillow or a Chinese font is missing (the Word file then has no
charts; the PDF draws the SVG itself).
"""

import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from functools import cache

SCALE = 3  # pixels per SVG unit: 640 units → 1920 px, sharp at 156 mm
SVG = "{http://www.w3.org/2000/svg}"
ROTATE = re.compile(r"rotate\(([-\d.]+)")


@cache
def font_file(bold=False):
    """(path, index) of Noto Sans CJK SC (the charts' font) from fontconfig, or None."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    pattern = "Noto Sans CJK SC" + (":bold" if bold else "")
    try:
        out = subprocess.run(
            [fc_match, "-f", "%{file}:%{index}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, _colon, index = out.rpartition(":")
    if not path or "CJK" not in path:
        return None
    return path, int(index or 0)


@cache
def _font(size, bold):
    from PIL import ImageFont

    path, index = font_file(bold) or font_file()
    return ImageFont.truetype(path, round(size * SCALE), index=index)


def _number(element, name, default=0.0):
    return float(element.get(name, default))


def _text(image, element):
    from PIL import Image, ImageDraw

    text = "".join(element.itertext()).strip()
    if not text:
        return
    font = _font(_number(element, "font-size", 10), element.get("font-weight") == "bold")
    x, y = _number(element, "x") * SCALE, _number(element, "y") * SCALE
    left, top, right, bottom = font.getbbox(text)
    width = right - left
    anchor = element.get("text-anchor", "start")
    shift = {"start": 0, "middle": width / 2, "end": width}[anchor]
    rotation = ROTATE.search(element.get("transform", ""))
    fill = element.get("fill", "#000")
    if rotation is None:
        ImageDraw.Draw(image).text((x - shift, y), text, font=font, fill=fill, anchor="ls")
        return
    # Draw on its own layer around the anchor point, turn it, and lay it on.
    size = int(width + bottom) * 2 + 4
    layer = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    centre = size / 2
    ImageDraw.Draw(layer).text((centre - shift, centre), text, font=font, fill=fill, anchor="ls")
    layer = layer.rotate(-float(rotation.group(1)), center=(centre, centre))
    image.alpha_composite(layer, (int(x - centre), int(y - centre)))


def svg_to_png(svg):
    """PNG bytes (in a BytesIO) of one of our charts, or None when it cannot be drawn."""
    try:
        from PIL import Image, ImageDraw
    except ImportError:
        return None
    if font_file() is None:
        return None
    root = ET.fromstring(str(svg))
    _x, _y, width, height = (float(v) for v in root.get("viewBox").split())
    image = Image.new("RGBA", (int(width * SCALE), int(height * SCALE)), "white")
    draw = ImageDraw.Draw(image)
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        if tag == "rect":
            x, y = _number(element, "x") * SCALE, _number(element, "y") * SCALE
            w, h = _number(element, "width") * SCALE, _number(element, "height") * SCALE
            if w > 0 and h > 0:
                draw.rectangle([x, y, x + w, y + h], fill=element.get("fill", "#000"))
        elif tag == "line":
            points = [_number(element, k) * SCALE for k in ("x1", "y1", "x2", "y2")]
            draw.line(points, fill=element.get("stroke", "#000"), width=SCALE)
        elif tag == "text":
            _text(image, element)
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PNG", optimize=True)
    out.seek(0)
    return out
