using LibrarianDesk.Shared.Conversations;
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
