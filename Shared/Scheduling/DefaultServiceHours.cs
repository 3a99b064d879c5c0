namespace LibrarianDesk.Shared.Scheduling;

/// <summary>
/// The seed data: the desk's standard week and the year's Indonesian holidays. Each call returns new
/// instances, because an entity instance can only be tracked by one database context.
/// </summary>
public static class DefaultServiceHours
{
    private static readonly TimeOnly NineAm = new(9, 0);
    private static readonly TimeOnly SevenPm = new(19, 0);

    /// <summary>Monday–Friday 09:00–19:00 and Saturday 09:00–15:30 WIB; closed on Sunday.</summary>
    public static IReadOnlyList<OpeningRange> WeeklyRanges() =>
    [
        OpeningRange.Create(DayOfWeek.Monday, NineAm, SevenPm),
        OpeningRange.Create(DayOfWeek.Tuesday, NineAm, SevenPm),
        OpeningRange.Create(DayOfWeek.Wednesday, NineAm, SevenPm),
        OpeningRange.Create(DayOfWeek.Thursday, NineAm, SevenPm),
        OpeningRange.Create(DayOfWeek.Friday, NineAm, SevenPm),
        OpeningRange.Create(DayOfWeek.Saturday, NineAm, new TimeOnly(15, 30)),
    ];

    /// <summary>
    /// 2026's 17 national holidays and 8 cuti bersama days, as set by the SKB of the Minister of
    /// Religious Affairs, the Minister of Manpower and the Minister of State Apparatus Empowerment and
    /// Bureaucratic Reform, No. 1497/2025, 2/2025 and 5/2025, announced on 19 September 2025. Names follow
    /// the nomenclature of Keppres 8/2024 that the SKB uses (hence "Kelahiran Yesus Kristus", not "Natal"),
    /// in KBBI spelling (Idulfitri, not Idul Fitri). A cuti bersama day carries the name of the holiday it
    /// is attached to; its <see cref="HolidayKind"/> says it is leave.
    /// Idulfitri 21–22 March was confirmed by the sidang isbat of 19 March 2026. Iduladha (27 May),
    /// 1 Muharam (16 June) and Maulid (25 August) are the SKB's hisab dates; if the government revises one,
    /// an administrator moves the row. Sunday entries (22 March, 5 April, 31 May) close nothing extra but
    /// are kept so the list matches the SKB.
    /// </summary>
    public static IReadOnlyList<Holiday> Holidays2026() =>
    [
        National(1, 1, "Tahun Baru 2026 Masehi"),
        National(1, 16, "Isra Mikraj Nabi Muhammad SAW"),
        Leave(2, 16, "Tahun Baru Imlek 2577 Kongzili"),
        National(2, 17, "Tahun Baru Imlek 2577 Kongzili"),
        Leave(3, 18, "Hari Suci Nyepi Tahun Baru Saka 1948"),
        National(3, 19, "Hari Suci Nyepi Tahun Baru Saka 1948"),
        Leave(3, 20, "Idulfitri 1447 Hijriah"),
        National(3, 21, "Idulfitri 1447 Hijriah"),
        National(3, 22, "Idulfitri 1447 Hijriah"),
        Leave(3, 23, "Idulfitri 1447 Hijriah"),
        Leave(3, 24, "Idulfitri 1447 Hijriah"),
        National(4, 3, "Wafat Yesus Kristus"),
        National(4, 5, "Kebangkitan Yesus Kristus (Paskah)"),
        National(5, 1, "Hari Buruh Internasional"),
        National(5, 14, "Kenaikan Yesus Kristus"),
        Leave(5, 15, "Kenaikan Yesus Kristus"),
        National(5, 27, "Iduladha 1447 Hijriah"),
        Leave(5, 28, "Iduladha 1447 Hijriah"),
        National(5, 31, "Hari Raya Waisak 2570 BE"),
        National(6, 1, "Hari Lahir Pancasila"),
        National(6, 16, "1 Muharam Tahun Baru Islam 1448 Hijriah"),
        National(8, 17, "Proklamasi Kemerdekaan"),
        National(8, 25, "Maulid Nabi Muhammad SAW"),
        Leave(12, 24, "Kelahiran Yesus Kristus"),
        National(12, 25, "Kelahiran Yesus Kristus"),
    ];

    private static Holiday National(int month, int day, string name) => Of2026(month, day, name, HolidayKind.NationalHoliday);

    private static Holiday Leave(int month, int day, string name) => Of2026(month, day, name, HolidayKind.CollectiveLeave);

    private static Holiday Of2026(int month, int day, string name, HolidayKind kind) =>
        new() { Date = new DateOnly(2026, month, day), Name = name, Kind = kind };
}
