namespace LibrarianDesk.Shared.Scheduling;

public enum HolidayKind
{
    /// <summary>Hari libur nasional.</summary>
    NationalHoliday,

    /// <summary>Cuti bersama: a collective leave day set next to a holiday by the yearly SKB.</summary>
    CollectiveLeave,
}
