"""Press releases (*siaran pers*) of the sample agencies, as templates with slots, and the
stories on the same topics that do not carry them (decoys).

A template is split the way an outlet rewrites it: who (``subject``, in its long and short
forms), the verb (active and passive), what (``obj``) and a ``tail``; the lead is the release's
first paragraph. Slots: ``{R}`` the place as a headline writes it, ``{RL}`` its full name,
``{NAME}`` a named facility or event, ``{N}`` a count, ``{AMT}`` an amount in miliar rupiah,
``{K}`` a small number.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReleaseTemplate:
    issue: str
    agency: str
    subject: tuple[str, ...]  # forms of who acts: the release's first, then the forms outlets use
    active: str
    passive: str
    obj: str
    tail: str
    lead: str
    names: tuple[str, ...] = ()
    n: tuple[int, int] = (100, 5000)  # range of {N}
    amount: tuple[float, float] = (1.0, 50.0)  # range of {AMT}, miliar rupiah
    decoys: tuple[str, ...] = ()  # headlines on the same topic that do not carry the release


GOVERNOR = ("Gubernur Kalsel", "Gubernur Kalimantan Selatan", "Rusdiansyah", "Ahmad Rusdiansyah")
PEMPROV = ("Pemprov Kalsel", "Pemerintah Provinsi Kalimantan Selatan", "Pemprov Kalimantan Selatan")

TEMPLATES: tuple[ReleaseTemplate, ...] = (
    ReleaseTemplate(
        "infrastruktur",
        "dpupr_kalsel",
        GOVERNOR,
        "Resmikan",
        "Diresmikan",
        "Jembatan {NAME} di {R}",
        "Senilai {AMT}",
        "Gubernur Kalimantan Selatan H. Ahmad Rusdiansyah meresmikan Jembatan {NAME} di {RL}. Jembatan "
        "sepanjang {K}0 meter itu dibangun dengan anggaran {AMT} dari APBD Provinsi Kalimantan Selatan.",
        names=("Sungai Alalak", "Sungai Tabuk", "Pulau Laut", "Tatas", "Rumpiang", "Kelayan", "Martapura Lama"),
        decoys=(
            "Warga Keluhkan Jembatan {NAME} Mulai Retak",
            "Jalan Menuju Jembatan {NAME} Rusak, Pengendara Mengeluh",
            "DPRD Soroti Proyek Jembatan yang Molor di {R}",
        ),
    ),
    ReleaseTemplate(
        "infrastruktur",
        "dpupr_kalsel",
        ("Dinas PUPR Kalsel", "Dinas Pekerjaan Umum dan Penataan Ruang Kalsel"),
        "Mulai Perbaiki",
        "Mulai Diperbaiki",
        "Jalan {NAME} Sepanjang {K} Kilometer",
        "di {R}",
        "Dinas Pekerjaan Umum dan Penataan Ruang Provinsi Kalimantan Selatan mulai memperbaiki ruas jalan "
        "{NAME} sepanjang {K} kilometer di {RL} dengan anggaran {AMT}.",
        names=("Ampalam", "Lingkar Selatan", "Trans Kalimantan", "Gambut-Kurau", "Sei Ulin", "Batu Licin Lama"),
        decoys=("Jalan {NAME} Berlubang, Warga Tanam Pohon Pisang", "Sopir Truk Keluhkan Jalan Rusak di {R}"),
    ),
    ReleaseTemplate(
        "kesehatan",
        "dinkes_kalsel",
        ("Dinkes Kalsel", "Dinas Kesehatan Kalsel", "Dinas Kesehatan Kalimantan Selatan"),
        "Gelar",
        "Digelar",
        "Vaksinasi {NAME} Serentak untuk {N} Anak",
        "di {R}",
        "Dinas Kesehatan Provinsi Kalimantan Selatan menggelar vaksinasi {NAME} serentak bagi {N} anak di "
        "{RL} mulai pekan ini, di puskesmas dan posyandu.",
        names=("Polio", "Campak Rubela", "DPT", "HPV"),
        n=(1000, 60000),
        decoys=("Stok Vaksin di Puskesmas {R} Menipis", "Kasus {NAME} Ditemukan, Warga {R} Diminta Waspada"),
    ),
    ReleaseTemplate(
        "kesehatan",
        "dinkes_kalsel",
        PEMPROV,
        "Serahkan",
        "Diserahkan",
        "{K} Unit Ambulans untuk Puskesmas",
        "di {R}",
        "Pemerintah Provinsi Kalimantan Selatan menyerahkan {K} unit ambulans kepada puskesmas di {RL} senilai "
        "{AMT} untuk mempercepat rujukan pasien.",
        amount=(1.0, 9.0),
        decoys=("Pasien di {R} Meninggal Saat Menunggu Ambulans", "Puskesmas di {R} Kekurangan Tenaga Medis"),
    ),
    ReleaseTemplate(
        "pendidikan",
        "disdik_kalsel",
        PEMPROV,
        "Salurkan",
        "Disalurkan",
        "Beasiswa {AMT} untuk {N} Siswa",
        "di {R}",
        "Pemerintah Provinsi Kalimantan Selatan menyalurkan beasiswa senilai {AMT} kepada {N} siswa SMA dan SMK "
        "berprestasi dari keluarga kurang mampu di {RL}.",
        n=(200, 5000),
        amount=(0.5, 12.0),
        decoys=("Orang Tua di {R} Keluhkan Pungutan Sekolah", "Siswa {R} Raih Medali Olimpiade Sains"),
    ),
    ReleaseTemplate(
        "pendidikan",
        "disdik_kalsel",
        ("Disdikbud Kalsel", "Dinas Pendidikan dan Kebudayaan Kalsel"),
        "Resmikan",
        "Diresmikan",
        "Gedung Baru SMA Negeri {K} {NAME}",
        "",
        "Dinas Pendidikan dan Kebudayaan Provinsi Kalimantan Selatan meresmikan gedung baru SMA Negeri {K} "
        "{NAME} di {RL} yang dibangun dengan anggaran {AMT}.",
        names=("Marabahan", "Kandangan", "Barabai", "Amuntai", "Pelaihari", "Paringin", "Rantau"),
        decoys=("Atap SMA Negeri {K} {NAME} Bocor, Siswa Belajar di Lorong", "Guru SMA di {R} Belum Terima Tunjangan"),
    ),
    ReleaseTemplate(
        "banjir",
        "bpbd_kalsel",
        ("BPBD Kalsel", "Badan Penanggulangan Bencana Daerah Kalsel"),
        "Dirikan",
        "Didirikan",
        "{K} Posko Pengungsian Banjir",
        "di {R}",
        "Badan Penanggulangan Bencana Daerah Provinsi Kalimantan Selatan mendirikan {K} posko pengungsian bagi "
        "{N} warga terdampak banjir di {RL}.",
        n=(300, 9000),
        decoys=("Banjir di {R} Meluas, Ketinggian Air Capai Satu Meter", "Pengungsi Banjir {R} Keluhkan Air Bersih"),
    ),
    ReleaseTemplate(
        "banjir",
        "dinsos_kalsel",
        ("Dinsos Kalsel", "Dinas Sosial Kalsel"),
        "Kirim",
        "Dikirim",
        "{K} Ton Beras untuk Korban Banjir",
        "{R}",
        "Dinas Sosial Provinsi Kalimantan Selatan mengirim {K} ton beras dan {N} paket sembako untuk korban "
        "banjir di {RL}.",
        n=(200, 3000),
        decoys=("Warga {R} Keluhkan Bantuan Banjir Belum Merata", "Banjir Rendam Ratusan Rumah di {R}"),
    ),
    ReleaseTemplate(
        "ekonomi",
        "biro_adpim_kalsel",
        PEMPROV,
        "Gelar",
        "Digelar",
        "Pasar Murah di {K} Titik",
        "di {R}",
        "Pemerintah Provinsi Kalimantan Selatan menggelar pasar murah di {K} titik di {RL} dengan {N} paket "
        "sembako bersubsidi menjelang hari raya.",
        n=(500, 8000),
        decoys=("Harga Cabai di {R} Naik Dua Kali Lipat", "Pedagang Pasar di {R} Mengeluh Sepi Pembeli"),
    ),
    ReleaseTemplate(
        "ekonomi",
        "dpmptsp_kalsel",
        ("DPMPTSP Kalsel", "Dinas Penanaman Modal Kalsel"),
        "Catat",
        "Dicatat",
        "Investasi {AMT} Masuk",
        "ke {R}",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi Kalimantan Selatan mencatat realisasi "
        "investasi {AMT} di {RL} dengan {N} tenaga kerja terserap.",
        amount=(100.0, 2500.0),
        decoys=("Investasi Tambang di {R} Dikritik Aktivis", "Pengusaha {R} Keluhkan Izin Usaha Berbelit"),
    ),
    ReleaseTemplate(
        "sosial",
        "dinsos_kalsel",
        ("Dinsos Kalsel", "Dinas Sosial Kalsel", "Dinas Sosial Kalimantan Selatan"),
        "Salurkan",
        "Disalurkan",
        "Bansos {AMT} untuk {N} Lansia",
        "di {R}",
        "Dinas Sosial Provinsi Kalimantan Selatan menyalurkan bantuan sosial {AMT} kepada {N} lanjut usia di {RL}.",
        n=(300, 6000),
        amount=(0.5, 6.0),
        decoys=("Data Penerima Bansos di {R} Dinilai Tidak Akurat", "Lansia di {R} Belum Terima Bantuan"),
    ),
    ReleaseTemplate(
        "pariwisata",
        "dispar_kalsel",
        ("Dispar Kalsel", "Dinas Pariwisata Kalsel"),
        "Gelar",
        "Digelar",
        "Festival {NAME}",
        "di {R}, Targetkan {N} Wisatawan",
        "Dinas Pariwisata Provinsi Kalimantan Selatan menggelar Festival {NAME} di {RL} pekan depan dan "
        "menargetkan {N} wisatawan.",
        names=("Pasar Terapung", "Jukung Hias", "Budaya Loksado", "Kuliner Banjar", "Sasirangan"),
        n=(2000, 40000),
        decoys=("Pedagang {NAME} Makin Berkurang", "Wisatawan Keluhkan Akses Jalan di {R}"),
    ),
    ReleaseTemplate(
        "lingkungan_tambang",
        "dlh_kalsel",
        ("DLH Kalsel", "Dinas Lingkungan Hidup Kalsel"),
        "Tanam",
        "Ditanam",
        "{N} Bibit Pohon di Lahan Bekas Tambang",
        "{R}",
        "Dinas Lingkungan Hidup Provinsi Kalimantan Selatan menanam {N} bibit pohon di lahan bekas tambang seluas "
        "{K} hektare di {RL}.",
        n=(1000, 20000),
        decoys=("Lubang Bekas Tambang di {R} Kembali Telan Korban", "Kebakaran Lahan di {R} Capai {K} Hektare"),
    ),
    ReleaseTemplate(
        "pelayanan_publik",
        "disdukcapil_kalsel",
        ("Disdukcapil Kalsel", "Dinas Dukcapil Kalsel"),
        "Buka",
        "Dibuka",
        "Layanan KTP-el Keliling di {K} Kecamatan",
        "{R}",
        "Dinas Kependudukan dan Pencatatan Sipil Provinsi Kalimantan Selatan membuka layanan perekaman KTP "
        "elektronik keliling di {K} kecamatan di {RL} untuk {N} warga.",
        n=(500, 6000),
        decoys=("Antrean Panjang di Disdukcapil {R}, Blangko KTP Habis", "Warga {R} Keluhkan Layanan Online Error"),
    ),
    ReleaseTemplate(
        "pemerintahan",
        "biro_adpim_kalsel",
        GOVERNOR,
        "Lantik",
        "Dilantik",
        "{N} Pejabat Administrator",
        "di Banjarbaru",
        "Gubernur Kalimantan Selatan melantik {N} pejabat administrator dan pengawas di lingkungan Pemerintah "
        "Provinsi Kalimantan Selatan.",
        n=(20, 150),
        decoys=("KPK Periksa Pejabat Pemprov Terkait Proyek Jalan", "Pelantikan Pejabat di {R} Diwarnai Protes"),
    ),
    ReleaseTemplate(
        "pemerintahan",
        "diskominfo_kalsel",
        ("Diskominfo Kalsel", "Dinas Kominfo Kalsel"),
        "Pasang",
        "Dipasang",
        "Internet Gratis di {K} Desa Terpencil",
        "{R}",
        "Dinas Komunikasi dan Informatika Provinsi Kalimantan Selatan memasang jaringan internet gratis di {K} "
        "desa terpencil di {RL} yang belum terjangkau sinyal seluler.",
        decoys=("Sinyal Hilang, Warga Desa di {R} Naik Bukit untuk Telepon", "Hoaks Pendaftaran Bansos Beredar di {R}"),
    ),
)

# outlets that rewrite releases, with the kind of headline they write (tags, datelines)
PICKUP_TAGS = ("VIDEO: ", "[FOTO] ", "FOTO: ", "")
RELEASE_HOSTS = {
    "dpupr_kalsel": "dpupr.kalselprov.go.id",
    "dinkes_kalsel": "dinkes.kalselprov.go.id",
    "disdik_kalsel": "disdikbud.kalselprov.go.id",
    "bpbd_kalsel": "bpbd.kalselprov.go.id",
    "biro_adpim_kalsel": "kalselprov.go.id",
    "dpmptsp_kalsel": "dpmptsp.kalselprov.go.id",
    "dinsos_kalsel": "dinsos.kalselprov.go.id",
    "dispar_kalsel": "dispar.kalselprov.go.id",
    "dlh_kalsel": "dlh.kalselprov.go.id",
    "disdukcapil_kalsel": "disdukcapil.kalselprov.go.id",
    "diskominfo_kalsel": "diskominfo.kalselprov.go.id",
}
