using LibrarianDesk.Data;
using LibrarianDesk.Shared.Auditing;

namespace LibrarianDesk.Features.Audit;

/// <summary>
/// Adds audit entries to the caller's unit of work, so an entry is committed with the change it
/// describes or not at all.
/// </summary>
public sealed class AuditTrail(TimeProvider time)
{
    public void Record(DeskDbContext db, AuditActor actor, string action, string? target = null, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            ActorId = actor.Id,
            ActorName = Truncate(actor.Name, 256)!,
            Action = action,
            Target = Truncate(target, 256),
            Details = Truncate(details, 4000),
        });
    }

    private static string? Truncate(string? value, int length) =>
        value is null || value.Length <= length ? value : value[..length];
}
