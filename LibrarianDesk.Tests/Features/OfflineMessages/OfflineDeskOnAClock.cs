using LibrarianDesk.Features.Audit;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.OfflineMessages;

/// <summary>
/// The offline desk on the seeded 2026 schedule and an adjustable clock, starting on Sunday 6 December
/// 2026 at 11:00 WIB (closed), with a second librarian and a supervisor (who is also a librarian).
/// </summary>
public class OfflineDeskOnAClock : OfflineDeskApp
{
    public const string SupervisorEmail = "hendra@test.local";

    public AdjustableClock Clock { get; } = new(Wib.At(new DateOnly(2026, 12, 6), new TimeOnly(11, 0)));

    protected override TimeProvider Time => Clock;

    public AuditActor Colleague { get; private set; } = default!;

    public AuditActor Supervisor { get; private set; } = default!;

    public void SetWib(int month, int day, int hour, int minute = 0) =>
        Clock.Set(Wib.At(new DateOnly(2026, month, day), new TimeOnly(hour, minute)));


    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var colleague = await StaffAccounts.CreateAsync(this, "dewi@test.local", [DeskRoles.Librarian], "Dewi Lestari");
        Colleague = new AuditActor(colleague.Id, colleague.DisplayName);
        var supervisor = await StaffAccounts.CreateAsync(this, SupervisorEmail, [DeskRoles.Librarian, DeskRoles.Supervisor], "Hendra Gunawan");
        Supervisor = new AuditActor(supervisor.Id, supervisor.DisplayName);
    }
}
