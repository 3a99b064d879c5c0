using System.Globalization;
using LibrarianDesk.Shared.Members;
using LibrarianDesk.Shared.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Data.Seeding;

/// <summary>
/// A few thousand believable Indonesian members for the demo's lookup and verification: names from
/// across the archipelago, +62 mobile numbers, cards that expire five years after registration.
/// Runs once, on an empty directory; the fixed seed gives the same members every time.
/// </summary>
internal static class DemoMembersSeeder
{
    public const int Count = 3000;

    private static readonly string[] FirstNames =
    [
        "Siti", "Ahmad", "Muhammad", "Dewi", "Budi", "Putri", "Agus", "Rina", "Andi", "Nur", "Eko", "Sri", "Dian", "Rizky", "Fitri",
        "Hendra", "Wahyu", "Indah", "Yusuf", "Ayu", "Fajar", "Lestari", "Bayu", "Ratna", "Teguh", "Maya", "Arif", "Nurul", "Gede", "Made",
        "Ketut", "Wayan", "Komang", "Ni Luh", "I Putu", "Ucok", "Butet", "Tigor", "Rahmat", "Intan", "Yohanes", "Maria", "Agustinus",
        "Fransiska", "Kevin", "Michelle", "Aditya", "Nadia", "Reza", "Annisa", "Ilham", "Zahra", "Dimas", "Kartika", "Gilang", "Salsabila",
    ];

    private static readonly string[] LastNames =
    [
        "Santoso", "Wijaya", "Pratama", "Saputra", "Lestari", "Hidayat", "Nugroho", "Setiawan", "Kurniawan", "Wulandari", "Rahmawati",
        "Siregar", "Nasution", "Simanjuntak", "Harahap", "Lubis", "Hutapea", "Sinaga", "Pangaribuan", "Tambunan", "Suryadi", "Gunawan",
        "Halim", "Tanjung", "Sihombing", "Manurung", "Putra", "Utami", "Permana", "Susanto", "Firmansyah", "Ramadhan", "Maharani",
        "Wibowo", "Hakim", "Syahputra", "Anggraini", "Fauzi", "Sembiring", "Ginting", "Tarigan", "Mahendra", "Sulistyowati", "Daeng",
        "Pattinasarany", "Latuconsina", "Rumbewas", "Kowaas", "Mandagi", "Hasibuan",
    ];

    private static readonly string[] MobilePrefixes = ["811", "812", "813", "821", "822", "852", "853", "855", "856", "857", "858", "877", "878", "881", "895", "896"];
    private static readonly string[] MailDomains = ["gmail.com", "yahoo.co.id", "gmail.com", "outlook.com", "gmail.com", "ymail.com", "ui.ac.id", "ugm.ac.id"];

    public static async Task SeedAsync(DeskDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        if (await db.Members.AnyAsync(cancellationToken))
        {
            return;
        }

        var today = DateOnly.FromDateTime(Wib.ToWib(time.GetUtcNow()).DateTime);
        db.Members.AddRange(Generate(new Random(6_2021), today));
        await db.SaveChangesAsync(cancellationToken);
    }

    internal static IEnumerable<Member> Generate(Random random, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (var i = 1; i <= Count; i++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var birth = today.AddYears(-random.Next(8, 75)).AddDays(-random.Next(365));
            var age = today.Year - birth.Year;
            var registered = today.AddDays(-random.Next(1, 365 * 8));
            var expires = registered.AddYears(5);
            var type = age < 13 ? MemberType.Child
                : age >= 60 ? MemberType.Senior
                : age <= 24 && random.Next(4) > 0 ? MemberType.Student
                : random.Next(8) == 0 ? MemberType.Researcher
                : MemberType.General;
            var status = random.Next(50) == 0 ? MemberStatus.Suspended : expires < today ? MemberStatus.Expired : MemberStatus.Active;
            var handle = $"{first}.{last}".Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
            yield return new Member
            {
                MemberNumber = string.Create(CultureInfo.InvariantCulture, $"PN{registered.Year}{i:D6}"),
                FullName = random.Next(10) == 0 ? first : $"{first} {last}",
                Email = random.Next(10) == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{handle}{random.Next(1, 99)}@{MailDomains[random.Next(MailDomains.Length)]}"),
                Phone = string.Create(CultureInfo.InvariantCulture, $"+62{MobilePrefixes[random.Next(MobilePrefixes.Length)]}{random.Next(1000, 9999)}{random.Next(1000, 9999)}"),
                BirthDate = birth,
                Type = type,
                Status = status,
                RegisteredOn = registered,
                ExpiresOn = expires,
            };
        }
    }
}
