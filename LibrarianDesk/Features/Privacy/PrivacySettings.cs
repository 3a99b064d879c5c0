using System.Globalization;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Privacy;

namespace LibrarianDesk.Features.Privacy;

/// <summary>
/// How long the desk remembers patrons and what it keeps of their addresses (README "Privacy"). A supervisor changes
/// them on the Privacy page (<see cref="PrivacySettingsStore"/>); <see cref="RetentionJob"/> and the IP address
/// policy read them.
/// </summary>
/// <param name="RetentionMonths">Conversations, offline messages and visits older than this are anonymised.</param>
/// <param name="DeleteMessageTexts">Whether anonymising also deletes the patron's own words (kept by default, for reference-quality review).</param>
/// <param name="OutboxBodyDays">A sent or discarded mail's body is deleted after this many days.</param>
/// <param name="IpAddresses">What is kept of a patron's or visitor's IP address.</param>
/// <param name="LookUpMonths">After this, audit entries of member look-ups forget whom they looked up (<see cref="MemberLookUps.Forget"/>).</param>
public sealed record PrivacySettings(int RetentionMonths, bool DeleteMessageTexts, int OutboxBodyDays, IpAddressPolicy IpAddresses, int LookUpMonths)
{
    public const int MinRetentionMonths = 1;
    public const int MaxRetentionMonths = 120;
    public const int MinOutboxBodyDays = 1;
    public const int MaxOutboxBodyDays = 3650;
    public const int MinLookUpMonths = 1;
    public const int MaxLookUpMonths = 120;

    /// <summary>
    /// Two years of history for statistics and follow-ups, mail bodies for a month, and addresses truncated to their
    /// network: enough to recognise a campus and block a range, not enough to single out a household (a full
    /// address is personal data under UU PDP), while blocks and flood control still see the full live address. Whom a
    /// librarian looked up is kept a year: long enough for a supervisor to look into a complaint of misuse.
    /// </summary>
    public static PrivacySettings Default { get; } = new(24, false, 30, IpAddressPolicy.Truncated, 12);

    /// <summary>The problems (resource keys) that keep these settings from being saved; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (RetentionMonths is < MinRetentionMonths or > MaxRetentionMonths)
        {
            problems.Add(PrivacyErrors.RetentionMonths);
        }

        if (OutboxBodyDays is < MinOutboxBodyDays or > MaxOutboxBodyDays)
        {
            problems.Add(PrivacyErrors.OutboxBodyDays);
        }

        if (!Enum.IsDefined(IpAddresses))
        {
            problems.Add(PrivacyErrors.IpAddresses);
        }

        if (LookUpMonths is < MinLookUpMonths or > MaxLookUpMonths)
        {
            problems.Add(PrivacyErrors.LookUpMonths);
        }

        return problems;
    }

    /// <summary>The settings as the audit log records them.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"retention_months={RetentionMonths}; message_texts={(DeleteMessageTexts ? "deleted" : "kept")}; mail_body_days={OutboxBodyDays}; ip_addresses={IpAddresses}; look_up_months={LookUpMonths}");
}

public static class PrivacyErrors
{
    public const string RetentionMonths = "Privacy_Error_RetentionMonths";
    public const string OutboxBodyDays = "Privacy_Error_OutboxBodyDays";
    public const string IpAddresses = "Privacy_Error_IpAddresses";
    public const string LookUpMonths = "Privacy_Error_LookUpMonths";
}

/// <summary>A supervisor changed the privacy settings: every server drops its copy (<see cref="PrivacySettingsStore"/>).</summary>
public sealed record PrivacySettingsChanged;
