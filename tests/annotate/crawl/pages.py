"""Hand-written pages for the crawl tests, and writers for each input format."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path

ARTICLES = {
    "https://berita.example/kota/jembatan-baru": (
        "Pemkot Bangun Tiga Jembatan Baru untuk Urai Kemacetan\n\n"
        "SEMARANG, Warta Contoh - Pemerintah Kota Semarang akan membangun tiga jembatan baru "
        "tahun depan untuk mengurangi kemacetan di pusat kota. Wali Kota Andi Prasetyo "
        "mengatakan anggaran pembangunan mencapai Rp 45 miliar.\n\n"
        "Menurut dia, dua jembatan akan menghubungkan kawasan industri dengan jalan tol, "
        "sedangkan satu jembatan lagi dibangun di dekat pasar induk. Pekerjaan dijadwalkan "
        "mulai pada bulan Maret dan selesai dalam waktu sekitar delapan bulan.\n\n"
        '"Kami ingin warga tidak lagi terjebak macet setiap pagi," kata Andi kepada '
        "wartawan di Balai Kota, Senin."
    ),
    "https://berita.example/daerah/banjir-dua-kecamatan": (
        "Banjir Rendam Ratusan Rumah di Dua Kecamatan\n\n"
        "GARUT, Warta Contoh - Banjir merendam sedikitnya 350 rumah warga di dua kecamatan "
        "setelah hujan deras mengguyur sejak Minggu malam. Badan Penanggulangan Bencana "
        "Daerah mencatat ketinggian air mencapai satu meter di beberapa titik.\n\n"
        "Kepala pelaksana BPBD, Siti Rahmawati, mengatakan petugas telah mengevakuasi lebih "
        "dari 200 warga ke gedung sekolah dan masjid terdekat. Bantuan makanan dan selimut "
        "mulai disalurkan sejak Senin pagi.\n\n"
        "Warga diminta tetap waspada karena hujan diperkirakan masih turun hingga akhir "
        "pekan, terutama di wilayah yang dekat dengan aliran sungai."
    ),
    "https://berita.example/ekonomi/harga-cabai": (
        "Harga Cabai Merah Naik Jelang Hari Raya\n\n"
        "BANDUNG, Warta Contoh - Harga cabai merah di pasar tradisional naik menjadi Rp "
        "60.000 per kilogram menjelang hari raya. Pedagang menyebut pasokan dari petani "
        "berkurang karena cuaca buruk selama dua pekan terakhir.\n\n"
        "Dinas Perdagangan berencana menggelar operasi pasar di lima lokasi untuk menahan "
        "kenaikan harga. Kepala dinas, Budi Santoso, mengatakan stok bahan pokok lain masih "
        "aman hingga akhir bulan.\n\n"
        "Pembeli berharap pemerintah segera turun tangan agar harga kembali normal sebelum "
        "kebutuhan rumah tangga meningkat."
    ),
}

ENGLISH = (
    "City Plans Three New Bridges\n\n"
    "The city government plans to build three new bridges next year to ease traffic in "
    "the centre. The mayor said the budget would reach 45 billion rupiah and that work "
    "would begin in March.\n\n"
    "Two of the bridges will connect the industrial estate with the toll road, while the "
    "third will be built near the main market. Residents have long complained about the "
    "morning traffic jams on the old river crossing."
)

SHORT = "Jadwal Kereta Hari Ini\n\nKereta pertama berangkat pukul lima pagi."

HTML = (
    "<!DOCTYPE html><html><head><title>Pasar Malam Dibuka Kembali - Warta Contoh</title>"
    '<meta property="og:title" content="Pasar Malam Dibuka Kembali"></head><body>'
    "<nav><a href='/'>Beranda</a> <a href='/kota'>Kota</a></nav><article>"
    "<h1>Pasar Malam Dibuka Kembali</h1>"
    "<p>SURABAYA, Warta Contoh - Pasar malam di alun-alun kota dibuka kembali setelah "
    "ditutup selama enam bulan karena perbaikan saluran air. Ratusan pedagang kecil kembali "
    "berjualan makanan, pakaian, dan mainan anak sejak Jumat malam.</p>"
    "<p>Ketua paguyuban pedagang, Rudi Hartono, mengatakan pengunjung yang datang pada "
    "malam pertama mencapai lebih dari seribu orang. Menurut dia, pedagang berharap "
    "penghasilan mereka pulih menjelang libur sekolah.</p>"
    "<p>Pemerintah kota meminta pengunjung menjaga kebersihan dan memarkir kendaraan di "
    "tempat yang telah disediakan agar lalu lintas di sekitar alun-alun tetap lancar.</p>"
    "</article><footer>Hak cipta Warta Contoh</footer></body></html>"
)


def page_list() -> list[tuple[str, str]]:
    """(url, text or HTML) of a small crawl: three articles, an exact copy of the first
    under another URL, an English page, a page too short to be an article, an HTML page."""
    urls = list(ARTICLES)
    return [
        (urls[0], ARTICLES[urls[0]]),
        (urls[1], ARTICLES[urls[1]]),
        ("https://berita.example/en/bridges", ENGLISH),
        ("https://lain.example/salinan/jembatan", ARTICLES[urls[0]]),
        ("https://berita.example/jadwal", SHORT),
        ("https://berita.example/kota/pasar-malam", HTML),
        (urls[2], ARTICLES[urls[2]]),
    ]


def write_jsonl(path: Path, pages: Sequence[tuple[str, str]]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for url, body in pages:
            key = "html" if body.startswith("<!DOCTYPE") else "text"
            f.write(json.dumps({"url": url, key: body}, ensure_ascii=False) + "\n")
    return path


def write_parquet(path: Path, pages: Sequence[tuple[str, str]], *, column: str = "text") -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"url": [u for u, _ in pages], column: [b for _, b in pages]})
    pq.write_table(table, path)
    return path


def write_warc(path: Path, pages: Sequence[tuple[str, str]], *, extra: bool = True) -> Path:
    """A WARC file (gzipped when the name ends in .gz) of response records, in the Common
    Crawl News layout; with `extra`, also a request record, a redirect and an image."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=path.name.endswith(".gz"))

        def response(url: str, body: bytes, status: str, kind: str) -> None:
            http = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            # The length given, warcio neither spools the payload to a temporary file
            # (left open) nor leaves the payload read to its end.
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http
            )
            writer.write_record(record)

        for i, (url, body) in enumerate(pages):
            if extra and i == 1:
                get = StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True)
                request = writer.create_warc_record(
                    url, "request", payload=io.BytesIO(b""), length=0, http_headers=get
                )
                writer.write_record(request)
                response("https://berita.example/lama", b"", "301 Moved Permanently", "text/html")
                response("https://berita.example/foto.png", b"\x89PNG....", "200 OK", "image/png")
            response(url, body.encode("utf-8"), "200 OK", "text/html; charset=utf-8")
    return path
