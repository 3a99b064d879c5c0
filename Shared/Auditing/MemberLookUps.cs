namespace LibrarianDesk.Shared.Auditing;

/// <summary>
/// The audit entries that record a librarian looking up a member, and the one rule for forgetting whom they looked up:
/// the entry stays (who looked, when, with what result: the accountability the log is for) while the member number,
/// name, phone, email and birth date searched for become <see cref="Forgotten"/>. Used by the retention schedule once
/// entries pass their own keeping period, and by a patron's erase request.
/// </summary>
public static class MemberLookUps
{
    public const string Forgotten = "*";

    public static IReadOnlyList<string> Actions { get; } =
        [AuditActions.MembersSearched, AuditActions.MemberViewed, AuditActions.MemberVerified, AuditActions.MembershipMarked];

    // The keys of the "key=value; key=value" details whose values name a person: a search records what was typed, a
    // verification the member checked (its name=, phone= … are outcomes such as Match).
    private static readonly HashSet<string> SearchedKeys = new(StringComparer.Ordinal) { "number", "name", "phone", "email", "birth_date" };
    private static readonly HashSet<string> VerifiedKeys = new(StringComparer.Ordinal) { "member" };

    /// <summary>Removes what names the person looked up from <paramref name="entry"/>; true when anything changed. Forgetting twice changes nothing.</summary>
    public static bool Forget(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (target, details) = (entry.Target, entry.Details);
        if (entry.Action == AuditActions.MemberViewed && entry.Target is not null)
        {
            // Its target is the member number viewed; the others' targets are conversations.
            entry.Target = Forgotten;
        }

        var personal = entry.Action switch
        {
            AuditActions.MembersSearched => SearchedKeys,
            AuditActions.MemberVerified => VerifiedKeys,
            _ => null,
        };
        if (personal is not null && entry.Details is { } pairs)
        {
            entry.Details = string.Join("; ", pairs.Split("; ").Select(pair => pair.Split('=', 2) is [var key, _] && personal.Contains(key)
                ? $"{key}={Forgotten}"
                : pair));
        }

        return target != entry.Target || details != entry.Details;
    }
}
