"""The same A6 badges as `accred badges`, drawn with ReportLab: the peer to beat.

Reads a CSV of badges (name, title, affiliation, category, colour, number,
zones, code: the header's names), one A6 page each, and writes them to a PDF
with page compression on, as Accred does: a band in the category's colour
with its name, the title and name in large type, the affiliation, the badge
number, the zones and a QR code of the badge's signed code (level M).
Names are set in Noto Sans, embedded as a subset, so that any script the
font has draws, as in Accred's badges.

Usage: python3 reportlab_badges.py BADGES.csv OUT.pdf
"""

import csv
import os
import sys

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor, white, black
from reportlab.lib.pagesizes import A6
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONTS = "/usr/share/fonts/truetype/noto"


def fonts():
    """Noto Sans, regular and bold, when installed; Helvetica otherwise."""
    regular, bold = os.path.join(FONTS, "NotoSans-Regular.ttf"), os.path.join(FONTS, "NotoSans-Bold.ttf")
    if os.path.exists(regular) and os.path.exists(bold):
        pdfmetrics.registerFont(TTFont("Noto", regular))
        pdfmetrics.registerFont(TTFont("Noto-Bold", bold))
        return "Noto", "Noto-Bold"
    return "Helvetica", "Helvetica-Bold"


def qr(code, size):
    """A QR code of code, level M, size points wide."""
    widget = QrCodeWidget(code, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def badge(c, b, regular, bold):
    width, height = A6
    c.setFillColor(HexColor(b["colour"]))
    c.rect(0, height - 22 * mm, width, 22 * mm, stroke=0, fill=1)
    c.setFillColor(white)
    c.setFont(bold, 16)
    c.drawCentredString(width / 2, height - 14 * mm, b["category"].upper())
    c.setFillColor(black)
    c.setFont(regular, 11)
    c.drawCentredString(width / 2, height - 34 * mm, b["title"])
    c.setFont(bold, 20)
    c.drawCentredString(width / 2, height - 44 * mm, b["name"])
    c.setFont(regular, 12)
    c.drawCentredString(width / 2, height - 54 * mm, b["affiliation"])
    c.setFont(bold, 14)
    c.drawString(8 * mm, 40 * mm, b["zones"])
    c.setFont(regular, 9)
    c.drawString(8 * mm, 8 * mm, b["number"])
    renderPDF.draw(qr(b["code"], 34 * mm), c, width - 42 * mm, 6 * mm)
    c.showPage()


def main(src, out):
    regular, bold = fonts()
    c = canvas.Canvas(out, pagesize=A6, pageCompression=1)
    with open(src, newline="", encoding="utf-8") as f:
        for b in csv.DictReader(f):
            badge(c, b, regular, bold)
    c.save()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
