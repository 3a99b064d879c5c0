using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Shared.Staff;

namespace LibrarianDesk.Data.Seeding;

/// <summary>Invents the past: conversations inside the service hours, offline messages outside them, librarians' shifts.</summary>
internal sealed class DemoConversationGenerator(Random random, IReadOnlyList<string> librarianIds, IReadOnlyList<int> questionTypeIds)
{
    private static readonly string[] GivenNames =
    [
        "Andi", "Ayu", "Bayu", "Citra", "Dimas", "Eka", "Fajar", "Fitri", "Gilang", "Indah", "Irfan", "Kartika",
        "Lestari", "Made", "Nanda", "Nur", "Putri", "Rahmat", "Ratna", "Siti", "Teguh", "Wahyu", "Yogi", "Yuliana",
    ];

    private static readonly string[] FamilyNames =
    [
        "Saputra", "Hidayat", "Kusuma", "Siregar", "Nasution", "Wijaya", "Permata", "Harahap", "Simanjuntak",
        "Rahmawati", "Susanto", "Purnomo", "Setiadi", "Nugroho", "Pangaribuan", "Suryani",
    ];

    private static readonly string[][] Questions =
    [
        ["Selamat siang, saya sedang menyusun skripsi tentang sejarah pers di Indonesia. Apakah ada koleksi surat kabar tahun 1950-an?",
         "Halo, saya mencari jurnal tentang literasi informasi di perpustakaan sekolah, bisa dibantu?",
         "Permisi, saya butuh data statistik jumlah perpustakaan desa per provinsi. Di mana saya bisa menemukannya?"],
        ["Bagaimana cara mendaftar kartu anggota online?", "Kartu anggota saya sudah kedaluwarsa, bagaimana cara memperpanjangnya?"],
        ["Saya penerbit baru, bagaimana cara mengajukan ISBN?", "Pengajuan ISBN saya belum diproses, berapa lama biasanya?"],
        ["Apakah naskah Nusantara bisa dilihat langsung di ruang baca?", "Saya ingin melihat buku langka terbitan Balai Pustaka tahun 1930-an."],
        ["Apakah ada peta Batavia abad ke-18 dalam koleksi?", "Saya mencari majalah Tempo edisi tahun 1985."],
        ["Buku di iPusnas tidak bisa dibuka, bagaimana solusinya?", "Bagaimana cara mencari artikel di Indonesia OneSearch?"],
        ["Bagaimana cara mencari buku lewat OPAC?", "Nomor panggil buku ini maksudnya apa?"],
        ["Jam buka layanan hari Sabtu sampai jam berapa?", "Apakah bisa memesan ruang diskusi?"],
    ];

    private static readonly string[] Greetings =
    [
        "Selamat datang di layanan Tanya Pustakawan. Dengan senang hati kami bantu.",
        "Halo, terima kasih sudah menghubungi kami. Saya bantu cek dulu ya.",
    ];

    private static readonly string[] Answers =
    [
        "Koleksi tersebut tersedia. Silakan cek di katalog online dengan kata kunci yang saya kirimkan.",
        "Untuk itu, Anda dapat mengakses layanan melalui laman resmi kami, lalu pilih menu yang sesuai.",
        "Saya sudah carikan beberapa sumber yang relevan. Apakah ada hal lain yang bisa kami bantu?",
    ];

    private static readonly string[] Thanks = ["Terima kasih banyak, sangat membantu!", "Baik, terima kasih.", "Siap, terima kasih infonya."];

    /// <summary>A day's arrivals: more on weekdays, busiest late morning and early afternoon.</summary>
    public IEnumerable<DateTimeOffset> ArrivalTimes(DateOnly day, ServiceHours serviceHours)
    {
        var count = day.DayOfWeek == DayOfWeek.Saturday ? random.Next(6, 14) : random.Next(14, 32);
        var opensAt = Wib.At(day, new TimeOnly(0, 0));
        var arrivals = new List<DateTimeOffset>();
        for (var attempt = 0; arrivals.Count < count && attempt < count * 20; attempt++)
        {
            var hour = 9 + (random.NextDouble() + random.NextDouble()) / 2 * 10;
            var candidate = opensAt.AddHours(hour).AddSeconds(random.Next(0, 60));
            if (serviceHours.IsOpen(candidate))
            {
                arrivals.Add(candidate);
            }
        }

        return arrivals.Order();
    }

    public Conversation Conversation(DateTimeOffset startedAt)
    {
        var typeIndex = random.Next(questionTypeIds.Count);
        var given = Pick(GivenNames);
        var name = $"{given} {Pick(FamilyNames)}";
        var isMember = random.NextDouble() < 0.55;
        var conversation = Shared.Conversations.Conversation.Start(
            Guid.CreateVersion7(startedAt),
            name,
            $"{given.ToLowerInvariant()}{random.Next(10, 99)}@contoh.id",
            isMember ? $"{random.Next(1000, 9999)}{random.Next(100000, 999999)}" : null,
            questionTypeIds[typeIndex],
            "https://www.perpusnas.go.id/layanan",
            startedAt);
        var questions = Questions[Math.Min(typeIndex, Questions.Length - 1)];
        conversation.Append(MessageAuthor.Patron, null, Pick(questions), startedAt);

        if (random.NextDouble() < 0.1)
        {
            conversation.MarkMissed(startedAt.AddMinutes(3));
            return conversation;
        }

        var librarian = Pick(librarianIds);
        var at = startedAt.AddSeconds(WaitSeconds());
        conversation.Claim(librarian, at);
        conversation.Append(MessageAuthor.Librarian, librarian, Pick(Greetings), at);
        var exchanges = random.Next(1, 4);
        for (var i = 0; i < exchanges; i++)
        {
            at = at.AddSeconds(random.Next(40, 240));
            conversation.Append(MessageAuthor.Librarian, librarian, Pick(Answers), at);
            at = at.AddSeconds(random.Next(20, 120));
            conversation.Append(MessageAuthor.Patron, null, Pick(Thanks), at);
        }

        conversation.MarkMembership(Membership(isMember));
        conversation.Close(at.AddSeconds(random.Next(10, 60)), Classification.Of(conversation.QuestionTypeId, random.Next(1, 5)));
        if (random.NextDouble() < 0.6)
        {
            conversation.Rate(random.NextDouble() < 0.75 ? 5 : random.Next(2, 5));
        }

        return conversation;
    }

    /// <summary>Most patrons who give a member number are verified; some cannot be; others are often asked.</summary>
    private MembershipMark Membership(bool gaveMemberNumber) => (gaveMemberNumber, random.NextDouble()) switch
    {
        (true, < 0.8) => MembershipMark.VerifiedMember,
        (true, _) => MembershipMark.CouldNotVerify,
        (false, < 0.4) => MembershipMark.NotAMember,
        _ => MembershipMark.NotChecked,
    };

    /// <summary>
    /// A librarian's shifts on a day: Online from some time in the morning for four to seven hours with
    /// a short Away break, ending by the desk's closing time.
    /// </summary>
    public IEnumerable<PresencePeriod> Shift(string librarianId, DateOnly day, ServiceHours serviceHours)
    {
        var opens = serviceHours.NextOpening(Wib.At(day, TimeOnly.MinValue));
        if (opens is not { } start || DateOnly.FromDateTime(Wib.ToWib(start).DateTime) != day || random.NextDouble() < 0.2)
        {
            yield break;
        }

        start = start.AddMinutes(random.Next(0, 120));
        var breakAt = start.AddMinutes(random.Next(120, 200));
        var breakEnds = breakAt.AddMinutes(random.Next(15, 45));
        var end = breakEnds.AddMinutes(random.Next(90, 240));
        while (!serviceHours.IsOpen(end.AddSeconds(-1)) && end > breakEnds.AddMinutes(30))
        {
            end = end.AddMinutes(-15);
        }

        yield return Period(librarianId, Presence.Online, start, breakAt);
        yield return Period(librarianId, Presence.Away, breakAt, breakEnds);
        yield return Period(librarianId, Presence.Online, breakEnds, end);
    }

    /// <summary>
    /// Messages left on a day while the desk was closed (evenings, Sundays, holidays). Those older than
    /// two days were mostly answered the next opening morning, a few closed as spam; recent ones wait.
    /// </summary>
    public IEnumerable<(OfflineMessage Message, OfflineMessageReply? Reply)> OfflineMessages(
        DateOnly day, ServiceHours serviceHours, DateTimeOffset now, IReadOnlyDictionary<string, string> librarianNames)
    {
        for (var i = random.Next(0, 3); i > 0; i--)
        {
            var receivedAt = Wib.At(day, new TimeOnly(random.Next(0, 24), random.Next(0, 60)));
            if (serviceHours.IsOpen(receivedAt) || receivedAt >= now)
            {
                continue;
            }

            var typeIndex = random.Next(questionTypeIds.Count);
            var given = Pick(GivenNames);
            var message = new OfflineMessage
            {
                Id = Guid.CreateVersion7(receivedAt),
                Name = $"{given} {Pick(FamilyNames)}",
                Email = $"{given.ToLowerInvariant()}{random.Next(10, 99)}@contoh.id",
                MemberNumber = random.NextDouble() < 0.5 ? $"{random.Next(1000, 9999)}{random.Next(100000, 999999)}" : null,
                QuestionTypeId = questionTypeIds[typeIndex],
                Text = Pick(Questions[Math.Min(typeIndex, Questions.Length - 1)]),
                ReceivedAt = receivedAt,
            };
            var answeredAt = serviceHours.NextOpening(receivedAt)?.AddMinutes(random.Next(10, 180));
            if (answeredAt is not { } at || at > now.AddDays(-1) || random.NextDouble() < 0.1)
            {
                yield return (message, null);
                continue;
            }

            if (random.NextDouble() < 0.08)
            {
                message.CloseWithoutReply(OfflineMessageCloseReason.Spam, at);
                yield return (message, null);
                continue;
            }

            var librarian = Pick(librarianIds);
            message.RecordReply(librarian, at);
            yield return (message, new OfflineMessageReply
            {
                Id = Guid.CreateVersion7(at), OfflineMessageId = message.Id, LibrarianId = librarian,
                LibrarianName = librarianNames.GetValueOrDefault(librarian, ""), Text = Pick(Answers), SentAt = at,
            });
        }
    }

    private static PresencePeriod Period(string librarianId, Presence presence, DateTimeOffset from, DateTimeOffset to) =>
        new() { LibrarianId = librarianId, Presence = presence, StartedAt = from, EndedAt = to };

    /// <summary>Most chats are taken within a minute; a few wait several.</summary>
    private int WaitSeconds() => random.NextDouble() < 0.8 ? random.Next(5, 60) : random.Next(60, 170);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
