using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Faq;
using LibrarianDesk.Shared.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Data.Seeding;

/// <summary>
/// What a new desk starts with, each part only when its table is empty (an administrator's edits are
/// never overwritten): the question types the Perpusnas service lists, the seed's service hours and
/// Indonesia's 2026 holidays.
/// </summary>
internal static class ReferenceData
{
    public static IReadOnlyList<(string Indonesian, string English)> QuestionTypes { get; } =
    [
        ("Bantuan penelusuran literatur/informasi/data (Online)", "Help searching literature / information / data (online)"),
        ("Keanggotaan (Kartu Anggota Online)", "Membership (online member card)"),
        ("ISBN", "ISBN"),
        ("Koleksi buku langka dan naskah Nusantara", "Rare books and Nusantara manuscripts"),
        ("Koleksi peta, audio-visual dan terbitan berkala", "Maps, audio-visual and periodicals"),
        ("Koleksi digital, iPusnas dan Indonesia OneSearch", "Digital collections, iPusnas and Indonesia OneSearch"),
        ("Katalog (OPAC)", "Catalogue (OPAC)"),
        ("Lainnya", "Other"),
    ];

    /// <summary>Questions Perpusnas answers daily, from the services the seed document lists.</summary>
    public static IReadOnlyList<(string QuestionId, string AnswerId, string QuestionEn, string AnswerEn)> Faq { get; } =
    [
        ("Bagaimana cara menjadi anggota perpustakaan?",
         "Daftar secara daring lewat formulir keanggotaan di laman perpustakaan, lalu ambil kartu anggota di layanan keanggotaan dengan membawa KTP atau kartu pelajar. Pendaftaran tidak dipungut biaya.",
         "How do I become a library member?",
         "Register online with the membership form on the library's website, then collect your card at the membership desk with your ID card or student card. Registration is free."),
        ("Kapan jam layanan Tanya Pustakawan?",
         "Senin–Jumat pukul 09.00–19.00 WIB dan Sabtu pukul 09.00–15.30 WIB. Minggu dan hari libur nasional tutup; di luar jam layanan Anda dapat meninggalkan pesan dan kami balas melalui email dalam 1×24 jam hari kerja.",
         "When is the Ask a Librarian desk open?",
         "Monday–Friday 09:00–19:00 WIB and Saturday 09:00–15:30 WIB. Closed on Sundays and national holidays; outside these hours leave a message and we answer by email within one working day."),
        ("Bagaimana cara mencari buku di katalog (OPAC)?",
         "Buka katalog online (OPAC), ketik judul, pengarang atau subjek di kotak pencarian, lalu catat nomor panggil dan lokasi koleksinya. Pustakawan dapat membantu jika hasilnya terlalu banyak atau tidak ada.",
         "How do I find a book in the catalogue (OPAC)?",
         "Open the online catalogue (OPAC), type a title, author or subject in the search box, and note the call number and location. A librarian can help when there are too many results or none."),
        ("Bagaimana cara meminjam buku digital di iPusnas?",
         "Unduh aplikasi iPusnas, masuk dengan akun Anda, cari judul buku, lalu tekan Pinjam. Masa pinjam 3 hari dan buku kembali otomatis; jika semua salinan sedang dipinjam, masuk ke antrean.",
         "How do I borrow an e-book on iPusnas?",
         "Install the iPusnas app, sign in, search for the title and press Borrow. Loans last 3 days and return automatically; when every copy is out, join the queue."),
        ("Apakah saya harus menjadi anggota untuk bertanya?",
         "Tidak. Layanan Tanya Pustakawan terbuka untuk semua pemustaka, anggota maupun bukan anggota, tanpa biaya.",
         "Do I need to be a member to ask a question?",
         "No. The Ask a Librarian service is open to every patron, member or not, free of charge."),
    ];

    /// <summary>Team replies for what the desk says many times a day.</summary>
    public static IReadOnlyList<(string Shortcut, string Title, string TextId, string TextEn)> CannedResponses { get; } =
    [
        ("salam", "Salam pembuka",
         "Selamat datang di layanan Tanya Pustakawan Perpustakaan Nasional. Saya siap membantu; apa yang dapat saya bantu?",
         "Welcome to the National Library's Ask a Librarian service. I am glad to help; what can I do for you?"),
        ("jam", "Jam layanan",
         "Layanan Tanya Pustakawan buka Senin–Jumat pukul 09.00–19.00 WIB dan Sabtu pukul 09.00–15.30 WIB; Minggu dan hari libur nasional tutup.",
         "The Ask a Librarian desk is open Monday–Friday 09:00–19:00 WIB and Saturday 09:00–15:30 WIB; closed on Sundays and national holidays."),
        ("anggota", "Cara menjadi anggota",
         "Pendaftaran anggota dapat dilakukan secara daring melalui formulir keanggotaan di laman perpustakaan; kartu diambil di layanan keanggotaan dengan membawa KTP atau kartu pelajar. Tanpa biaya.",
         "You can register online with the membership form on the library's website, then collect your card at the membership desk with your ID or student card. It is free."),
        ("isbn", "Pengajuan ISBN",
         "ISBN diajukan oleh penerbit secara daring melalui layanan ISBN Perpusnas. Siapkan data penerbit, halaman judul, daftar isi dan kata pengantar buku Anda.",
         "Publishers apply for ISBNs online through the National Library's ISBN service. Have your publisher details, the title page, the table of contents and the preface ready."),
        ("ipusnas", "iPusnas",
         "Buku digital dapat dipinjam melalui aplikasi iPusnas: masuk, cari judul, lalu tekan Pinjam. Masa pinjam 3 hari dan buku kembali otomatis.",
         "E-books can be borrowed in the iPusnas app: sign in, search for the title and press Borrow. Loans last 3 days and return automatically."),
        ("tutup", "Penutup",
         "Terima kasih telah menghubungi Tanya Pustakawan. Jika ada pertanyaan lain, silakan hubungi kami kembali. Selamat membaca!",
         "Thank you for contacting Ask a Librarian. If you have another question, please get in touch again. Happy reading!"),
    ];

    public static async Task SeedAsync(DeskDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.QuestionTypes.AnyAsync(cancellationToken))
        {
            db.QuestionTypes.AddRange(QuestionTypes.Select((q, i) => new QuestionType
            {
                NameId = q.Indonesian,
                NameEn = q.English,
                SortOrder = (i + 1) * 10,
            }));
        }

        if (!await db.FaqEntries.AnyAsync(cancellationToken))
        {
            db.FaqEntries.AddRange(Faq.Select((f, i) => new FaqEntry
            {
                QuestionId = f.QuestionId,
                AnswerId = f.AnswerId,
                QuestionEn = f.QuestionEn,
                AnswerEn = f.AnswerEn,
                SortOrder = (i + 1) * 10,
            }));
        }

        if (!await db.CannedResponses.AnyAsync(cancellationToken))
        {
            db.CannedResponses.AddRange(CannedResponses.Select(c => new CannedResponse
            {
                Shortcut = c.Shortcut, Title = c.Title, TextId = c.TextId, TextEn = c.TextEn,
            }));
        }

        if (!await db.OpeningRanges.AnyAsync(cancellationToken))
        {
            db.OpeningRanges.AddRange(DefaultServiceHours.WeeklyRanges());
        }

        if (!await db.Holidays.AnyAsync(cancellationToken))
        {
            db.Holidays.AddRange(DefaultServiceHours.Holidays2026());
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
