"""The Chinese deck as LibreOffice renders it: CJK glyphs from a CJK font.

Skipped where LibreOffice or poppler is absent; on Debian:
`apt-get install libreoffice-impress fonts-noto-cjk poppler-utils`.
"""

import shutil
import subprocess

import pytest

from tests.compare.exports.shown import REFERENCE

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not all(
            shutil.which(tool) for tool in ("libreoffice", "pdftotext", "pdffonts")
        ),
        reason="LibreOffice and poppler-utils are needed to render the slides",
    ),
]


def test_the_chinese_deck_renders_chinese_text_with_a_cjk_font(client, tmp_path):
    response = client.get("/zh/compare/slides.pptx", {"m": REFERENCE})
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(response.content)

    subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(deck),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "deck.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True
    ).stdout.decode()
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], check=True, capture_output=True
    ).stdout.decode()

    for words in ("方法对比", "多任务学习", "知识蒸馏", "迁移学习", "开创性文献"):
        assert words in text
    assert "CJK" in fonts
