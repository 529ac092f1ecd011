"""Indonesian news headlines and lead sentences per issue and sentiment.

Every template names its place through ``{region}`` (filled with a region name or alias from
the seeds) so that downstream code can recognise the region from the title alone. Words that
are themselves region aliases (Martapura, Tanjung, Rantau, ...) are kept out of the fixed text.
"""

from __future__ import annotations

Templates = dict[str, dict[str, list[str]]]  # issue_code -> sentiment ("pos"/"neu"/"neg") -> texts
SENTIMENTS: tuple[str, ...] = ("pos", "neu", "neg")

NEWS_HEADLINES: Templates = {
    "pendidikan": {
        "pos": [
            "Ratusan Siswa {region} Terima Beasiswa Prestasi dari Pemprov",
            "Sekolah Rakyat Mulai Beroperasi di {region}, Orang Tua Sambut Gembira",
            "Guru Honorer di {region} Akhirnya Diangkat Jadi PPPK",
        ],
        "neu": [
            "Disdikbud Gelar Sosialisasi PPDB 2025 di {region}",
            "Kurikulum Merdeka Diterapkan Bertahap di Sekolah {region}",
            "Rapat Evaluasi Ujian Sekolah Digelar di {region}",
        ],
        "neg": [
            "Atap Sekolah di {region} Ambruk, Siswa Belajar di Teras",
            "Orang Tua di {region} Keluhkan Sistem Zonasi PPDB yang Kacau",
            "Kekurangan Guru, SD di Pelosok {region} Hanya Punya Dua Pengajar",
        ],
    },
    "ekonomi": {
        "pos": [
            "UMKM {region} Tembus Pasar Ekspor, Produk Sasirangan Diminati",
            "Inflasi {region} Terkendali, Harga Beras Kembali Stabil",
            "Investasi Baru Rp 1,2 Triliun Masuk ke {region}",
        ],
        "neu": [
            "Bazar UMKM Digelar Tiga Hari di {region}",
            "BPS: Pertumbuhan Ekonomi {region} Capai 5,1 Persen",
            "Pasar Murah Digelar untuk Jaga Harga Bahan Pokok di {region}",
        ],
        "neg": [
            "Harga Cabai di {region} Melonjak, Pedagang Mengeluh",
            "Ratusan Pekerja di {region} Kena PHK, Pabrik Tutup",
            "Antrean Solar Mengular Berhari-hari di {region}",
        ],
    },
    "kesehatan": {
        "pos": [
            "Angka Stunting di {region} Turun Signifikan",
            "RSUD {region} Kini Punya Layanan Cuci Darah",
            "Puskesmas Keliling Jangkau Desa Terpencil di {region}",
        ],
        "neu": [
            "Dinkes Gelar Imunisasi Serentak di {region}",
            "Program Cek Kesehatan Gratis Dimulai di {region}",
            "Rapat Koordinasi Penanganan Stunting Digelar di {region}",
        ],
        "neg": [
            "Kasus DBD di {region} Meningkat, Warga Diminta Waspada",
            "Pasien BPJS di {region} Keluhkan Antrean Panjang di RSUD",
            "Stok Obat di Puskesmas {region} Menipis",
        ],
    },
    "infrastruktur": {
        "pos": [
            "Gubernur Kalsel Resmikan Jembatan Baru di {region}",
            "Jalan Poros Desa di {region} Mulus Setelah Diaspal",
            "Air Bersih PDAM Kini Mengalir ke Ribuan Rumah di {region}",
        ],
        "neu": [
            "Dinas PUPR Tinjau Proyek Jalan di {region}",
            "Lelang Proyek Drainase {region} Dibuka Bulan Ini",
            "Pembangunan Jembatan di {region} Capai 60 Persen",
        ],
        "neg": [
            "Jalan Rusak Parah di {region}, Warga Tanam Pohon Pisang",
            "Proyek Jembatan di {region} Mangkrak Dua Tahun",
            "Warga {region} Keluhkan Air PDAM Keruh dan Sering Mati",
        ],
    },
    "banjir": {
        "pos": [
            "Normalisasi Sungai Berhasil, {region} Bebas Banjir Tahun Ini",
            "Bantuan Logistik Cepat Sampai ke Korban Banjir {region}",
            "Tanggul Baru di {region} Lindungi Ribuan Rumah dari Banjir",
        ],
        "neu": [
            "BPBD Siagakan Personel Hadapi Musim Hujan di {region}",
            "Status Siaga Banjir Ditetapkan di {region}",
            "Debit Sungai di {region} Dipantau Setiap Jam",
        ],
        "neg": [
            "Banjir Rendam Ratusan Rumah di {region}",
            "Ribuan Warga {region} Mengungsi Akibat Banjir",
            "Banjir di {region} Tak Kunjung Surut, Warga Kekurangan Air Bersih",
        ],
    },
    "lingkungan_tambang": {
        "pos": [
            "Lahan Bekas Tambang di {region} Direklamasi Jadi Hutan Kota",
            "DLH Tindak Tegas Perusahaan Pencemar Sungai di {region}",
            "Hotspot Karhutla di {region} Turun Drastis",
        ],
        "neu": [
            "DLH Kalsel Uji Kualitas Air Sungai di {region}",
            "Izin Tambang di {region} Dievaluasi Ulang",
            "Satgas Karhutla Siaga di {region}",
        ],
        "neg": [
            "Angkutan Batu Bara Rusak Jalan di {region}",
            "Kabut Asap Karhutla Selimuti {region}, Sekolah Diliburkan",
            "Tambang Ilegal Cemari Sungai di {region}",
        ],
    },
    "pelayanan_publik": {
        "pos": [
            "Urus KTP di {region} Kini Cukup 15 Menit",
            "Mal Pelayanan Publik {region} Raih Predikat Terbaik",
            "Layanan Adminduk Jemput Bola Sasar Desa di {region}",
        ],
        "neu": [
            "Disdukcapil Buka Layanan Akhir Pekan di {region}",
            "Ombudsman Pantau Pelayanan Publik di {region}",
            "Aplikasi Pengaduan Warga Diluncurkan di {region}",
        ],
        "neg": [
            "Warga {region} Keluhkan Layanan Adminduk yang Lambat",
            "Blangko KTP Habis, Warga {region} Harus Menunggu Berbulan-bulan",
            "Pungli Perizinan di {region} Dilaporkan ke Ombudsman",
        ],
    },
    "sosial": {
        "pos": [
            "Bansos Sembako Tersalurkan ke Ribuan Keluarga di {region}",
            "Bedah Rumah Warga Kurang Mampu di {region} Rampung",
            "Pemprov Kalsel Santuni Anak Yatim di {region}",
        ],
        "neu": [
            "Haul Guru Sekumpul, Jemaah Padati {region}",
            "Pendataan Penerima Bansos Dilakukan di {region}",
            "Festival Budaya Banua Digelar di {region}",
        ],
        "neg": [
            "Bansos di {region} Salah Sasaran, Warga Miskin Tak Terdata",
            "Angka Kemiskinan di {region} Naik",
            "Warga {region} Protes Pemotongan Dana Bantuan",
        ],
    },
    "pariwisata": {
        "pos": [
            "Wisata Pasar Terapung {region} Diserbu Wisatawan",
            "Festival Budaya di {region} Sedot Ribuan Pengunjung",
            "Desa Wisata {region} Masuk 50 Besar ADWI",
        ],
        "neu": [
            "Dispar Kalsel Promosikan Wisata {region} di Jakarta",
            "Jadwal Festival Sungai di {region} Diumumkan",
            "Homestay Baru Dibangun di {region}",
        ],
        "neg": [
            "Objek Wisata di {region} Terbengkalai dan Penuh Sampah",
            "Wisatawan Keluhkan Pungutan Liar di Objek Wisata {region}",
            "Jalan Menuju Wisata Air Terjun di {region} Rusak",
        ],
    },
    "pemerintahan": {
        "pos": [
            "Pemprov Kalsel Raih Opini WTP, {region} Ikut Berprestasi",
            "Pemkab {region} Raih Penghargaan Keterbukaan Informasi",
            "Serapan APBD {region} Tertinggi Se-Kalimantan",
        ],
        "neu": [
            "Bupati dan Wali Kota Dilantik, Termasuk Kepala Daerah {region}",
            "DPRD Bahas Rancangan APBD {region} 2026",
            "Gubernur Kalsel Kunjungi {region} Bahas Program Prioritas",
        ],
        "neg": [
            "Kejati Periksa Pejabat {region} Terkait Dugaan Korupsi",
            "Rapat Paripurna DPRD {region} Sepi, Banyak Anggota Absen",
            "Mutasi Pejabat di {region} Dinilai Sarat Kepentingan",
        ],
    },
}

LEAD_SENTENCES: Templates = {
    "pendidikan": {
        "pos": ["Pemerintah memberikan bantuan pendidikan kepada pelajar berprestasi di {region}."],
        "neu": ["Sosialisasi digelar untuk sekolah-sekolah di {region} sejak pagi."],
        "neg": ["Sejumlah orang tua murid di {region} menyampaikan keluhan kepada dinas terkait."],
    },
    "ekonomi": {
        "pos": ["Pelaku UMKM di {region} mencatat kenaikan omzet dalam beberapa bulan terakhir."],
        "neu": ["Kegiatan ekonomi di {region} dipantau oleh tim pengendali inflasi daerah."],
        "neg": ["Pedagang di {region} mengeluhkan harga kebutuhan pokok yang terus naik."],
    },
    "kesehatan": {
        "pos": ["Layanan kesehatan di {region} terus ditingkatkan, kata kepala dinas."],
        "neu": ["Petugas kesehatan mendatangi posyandu di {region} sejak pagi."],
        "neg": ["Warga {region} mengeluhkan pelayanan kesehatan yang belum memadai."],
    },
    "infrastruktur": {
        "pos": ["Proyek yang dikerjakan sejak tahun lalu itu kini bisa dinikmati warga {region}."],
        "neu": ["Tim teknis meninjau progres pekerjaan di {region} bersama konsultan pengawas."],
        "neg": ["Kondisi jalan di {region} dikeluhkan warga karena berlubang dan berlumpur."],
    },
    "banjir": {
        "pos": ["Penanganan banjir di {region} dinilai lebih cepat dibanding tahun lalu."],
        "neu": ["BPBD memantau ketinggian air di sejumlah titik di {region}."],
        "neg": ["Air setinggi lutut hingga dada orang dewasa merendam permukiman di {region}."],
    },
    "lingkungan_tambang": {
        "pos": ["Upaya pemulihan lingkungan di {region} mendapat apresiasi warga."],
        "neu": ["Tim gabungan melakukan pengecekan lapangan di {region}."],
        "neg": ["Warga {region} mengeluhkan debu, lumpur dan kerusakan akibat aktivitas tambang."],
    },
    "pelayanan_publik": {
        "pos": ["Warga {region} merasakan pelayanan yang lebih cepat dan ramah."],
        "neu": ["Layanan dibuka mulai pukul 08.00 WITA di kantor pelayanan {region}."],
        "neg": ["Antrean panjang terlihat di kantor pelayanan {region} sejak subuh."],
    },
    "sosial": {
        "pos": ["Bantuan diserahkan langsung kepada warga penerima di {region}."],
        "neu": ["Kegiatan sosial kemasyarakatan berlangsung di {region} dengan tertib."],
        "neg": ["Sejumlah warga {region} mengaku belum pernah menerima bantuan."],
    },
    "pariwisata": {
        "pos": ["Kunjungan wisatawan ke {region} meningkat selama libur panjang."],
        "neu": ["Pemerintah daerah menyiapkan agenda wisata tahunan di {region}."],
        "neg": ["Fasilitas di objek wisata {region} dikeluhkan pengunjung."],
    },
    "pemerintahan": {
        "pos": ["Capaian ini menjadi kebanggaan bagi jajaran pemerintah daerah {region}."],
        "neu": ["Agenda pemerintahan di {region} berlangsung sesuai jadwal."],
        "neg": ["Sejumlah pihak menyoroti kinerja pemerintah daerah {region}."],
    },
}

FOLLOW_SENTENCES: dict[str, list[str]] = {
    "pendidikan": ['"Kami ingin semua anak Banua bisa sekolah," ujarnya.', "Program ini berlanjut tahun depan."],
    "ekonomi": [
        "Pemerintah berjanji menjaga stok dan harga, termasuk beras, gula, dan minyak goreng.",
        '"Daya beli masyarakat harus dijaga," katanya.',
    ],
    "kesehatan": [
        "Masyarakat diimbau menjaga pola hidup bersih dan sehat.",
        '"Kami siaga 24 jam," ujar kepala puskesmas.',
    ],
    "infrastruktur": [
        "Anggaran berasal dari APBD provinsi dan bantuan keuangan.",
        "Pekerjaan ditargetkan rampung akhir tahun.",
    ],
    "banjir": [
        "Warga diminta tetap waspada karena curah hujan masih tinggi.",
        '"Posko pengungsian sudah disiapkan," kata petugas BPBD.',
    ],
    "lingkungan_tambang": [
        "Perusahaan diminta bertanggung jawab atas dampak yang ditimbulkan.",
        "Kasus ini menjadi sorotan aktivis lingkungan.",
    ],
    "pelayanan_publik": [
        "Masyarakat bisa menyampaikan pengaduan melalui kanal resmi pemerintah.",
        '"Kami terus berbenah," ujarnya.',
    ],
    "sosial": [
        "Penyaluran diawasi agar tepat sasaran.",
        "Kegiatan ini melibatkan relawan, tokoh agama, dan aparat desa.",
    ],
    "pariwisata": [
        "Pelaku usaha lokal, mulai dari kuliner hingga kerajinan, ikut kebagian rezeki.",
        "Wisata sungai tetap menjadi andalan.",
    ],
    "pemerintahan": [
        "Hal itu disampaikan usai rapat koordinasi di kantor gubernur.",
        "DPRD berjanji mengawal pelaksanaannya.",
    ],
}

KEY_PHRASES: dict[str, list[str]] = {
    "pendidikan": ["sekolah, guru, beasiswa", "PPDB, zonasi, siswa", "pendidikan, kurikulum"],
    "ekonomi": ["UMKM, inflasi, harga", "investasi, lapangan kerja", "harga cabai, pasar"],
    "kesehatan": ["stunting, posyandu", "RSUD, BPJS, pasien", "DBD, puskesmas"],
    "infrastruktur": ["jalan, jembatan", "PDAM, air bersih", "proyek, Dinas PUPR"],
    "banjir": ["banjir, pengungsi", "BPBD, siaga banjir", "sungai, tanggul"],
    "lingkungan_tambang": ["tambang, batu bara", "karhutla, kabut asap", "pencemaran sungai, DLH"],
    "pelayanan_publik": ["KTP, adminduk", "pelayanan publik, Ombudsman", "perizinan, pungli"],
    "sosial": ["bansos, sembako", "kemiskinan, bantuan", "haul, jemaah"],
    "pariwisata": ["wisata, pasar terapung", "festival, wisatawan", "desa wisata"],
    "pemerintahan": ["APBD, DPRD", "gubernur, bupati", "korupsi, Kejati"],
}

# The 6 October story: a mining pit eats the road and coal trucks wreck what is left.
BURST_HEADLINES: list[str] = [
    "Jalan Nasional di {region} Amblas Akibat Lubang Tambang, Akses Warga Terputus",
    "Lubang Tambang Longsor di {region}, Rumah Warga Terancam",
    "Angkutan Batu Bara Rusak Jalan di {region}, Warga Blokade Jalan",
    "Tambang Batu Bara Longsor di {region}, Pemprov Dinilai Lamban",
    'Warga {region}: "Jalan Kami Hancur, Pemerintah ke Mana?"',
]
BURST_LEADS: list[str] = [
    "Badan jalan di {region} ambles sedalam belasan meter karena berdekatan dengan lubang bekas tambang.",
    "Ratusan warga {region} memblokade jalan dan menuntut aktivitas tambang dihentikan.",
]
