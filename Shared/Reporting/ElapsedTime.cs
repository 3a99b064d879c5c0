namespace LibrarianDesk.Shared.Reporting;

/// <summary>One interval measured twice: on the wall clock, and counting only the time the desk was open.</summary>
public readonly record struct ElapsedTime(double WallClockSeconds, double ServiceSeconds)
{
    public static ElapsedTime Zero { get; } = new(0, 0);
}
