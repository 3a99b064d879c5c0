using System.Globalization;
using System.Text.RegularExpressions;
using LibrarianDesk.Components;
using LibrarianDesk.Resources;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.OfflineMessages;
using Microsoft.Extensions.Localization;

namespace LibrarianDesk.Features.AuditLog;

/// <summary>
/// An audit entry's details as a sentence in the reader's language. The stored text stays as it was
/// written (invariant, the same in every language, and what the CSV export and searches read); this reads
/// the forms each action writes and says them with the resource files, times in WIB. A form it does not
/// know (an entry from an older version) is shown as stored, with its ISO times in WIB.
/// </summary>
public sealed partial class AuditDetailsText(IStringLocalizer<DeskStrings> l)
{
    public string? Describe(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (string.IsNullOrWhiteSpace(entry.Details))
        {
            return entry.Details;
        }

        var details = entry.Details;
        return entry.Action switch
        {
            AuditActions.SignInSucceeded or AuditActions.SignInFailed or AuditActions.SignInLockedOut
                or AuditActions.SignInAwaitingSecondFactor or AuditActions.SignInSecondFactorFailed => SignIn(details),
            AuditActions.AccountCreated => Prefixed(details, "roles: ") is { } roles ? Text("AuditDetail_Roles", Roles(roles)) : null,
            AuditActions.AccountUpdated => NameAndRoles().Match(details) is { Success: true } m
                ? Text("AuditDetail_NameAndRoles", m.Groups[1].Value, Roles(m.Groups[2].Value)) : null,
            AuditActions.RecoveryCodeUsed => Number(Suffixed(details, " left")) is { } left ? Text("AuditDetail_RecoveryCodesLeft", left) : null,
            AuditActions.TwoFactorRequirementChanged => Word(details, "required", "AuditDetail_TwoFactorRequired", "optional", "AuditDetail_TwoFactorOptional"),
            AuditActions.ServiceHoursChanged => Week(details),
            AuditActions.AlwaysOpenChanged => Word(details, "true", "AuditDetail_AlwaysOpenOn", "false", "AuditDetail_AlwaysOpenOff"),
            AuditActions.HolidaysImported => HolidaysImported().Match(details) is { Success: true } m
                ? Text("AuditDetail_Imported", m.Groups[1].Value, m.Groups[2].Value) : null,
            AuditActions.IpBlocksImported => BlocksImported().Match(details) is { Success: true } m
                ? Text("AuditDetail_Imported", m.Groups[1].Value, m.Groups[2].Value) : null,
            AuditActions.FaqChanged => details switch
            {
                "published" => Text("AuditDetail_FaqPublished"),
                "draft" => Text("AuditDetail_FaqDraft"),
                "order" => Text("AuditDetail_FaqOrder"),
                _ => null,
            },
            AuditActions.IpBlockAdded or AuditActions.IpBlockChanged => Block(details),
            AuditActions.IpBlockRemoved => Text("AuditDetail_Reason", details),
            AuditActions.MemberViewed => details == "not found" ? Text("AuditDetail_MemberNotFound") : null,
            AuditActions.MembershipMarked => Resource($"Members_Mark_{details}") is { } mark ? Text("AuditDetail_Mark", mark) : null,
            AuditActions.MembersExported => Number(details) is { } count ? Text("AuditDetail_MembersExported", count) : null,
            AuditActions.MembersSearched or AuditActions.MemberVerified or AuditActions.MembersImported => Pairs(details),
            AuditActions.PrivacySettingsChanged or AuditActions.PatronNoticeChanged or AuditActions.RetentionApplied
                or AuditActions.DataRequestFound or AuditActions.DataRequestExported or AuditActions.DataRequestCorrected
                or AuditActions.DataRequestErased => Pairs(details),
            OfflineAuditActions.Assigned => details == "unassigned"
                ? Text("AuditDetail_Unassigned")
                : Prefixed(details, "to: ") is { } assignee ? Text("AuditDetail_AssignedTo", assignee) : null,
            OfflineAuditActions.Closed => Resource($"Offline_Reason_{details}") is { } reason ? Text("AuditDetail_Reason", reason) : null,
            OfflineAuditActions.MailRetried or OfflineAuditActions.MailDiscarded => FailedMail().Match(details) is { Success: true } m
                ? Text("AuditDetail_MailAttempts", m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value) : null,
            OfflineAuditActions.TemplateSaved => Text("AuditDetail_Subject", details),
            _ => null,
        } ?? WithWibTimes(details);
    }

    private string? SignIn(string details)
    {
        var parts = details.Split("; ", 2);
        if (Prefixed(parts[0], "IP ") is not { } address)
        {
            return null;
        }

        var from = Text("AuditDetail_FromAddress", address);
        return parts.Length == 1 ? from : parts[1] switch
        {
            "recovery code" => Text("AuditDetail_WithRecoveryCode", from),
            "authenticator code" => Text("AuditDetail_WithAuthenticatorCode", from),
            _ => null,
        };
    }

    private string Roles(string roles) =>
        roles.Trim().Length == 0
            ? Text("AuditDetail_NoRoles")
            : string.Join(", ", roles.Split(',', StringSplitOptions.TrimEntries).Select(role => Resource($"Role_{role}") ?? role));

    // "Monday 08:00-16:00; Tuesday …", the days in the reader's language.
    private string? Week(string details)
    {
        var ranges = details.Split("; ").Select(range => OpeningRange().Match(range)).ToList();
        if (ranges.Any(m => !m.Success || !Enum.TryParse<DayOfWeek>(m.Groups[1].Value, out _)))
        {
            return null;
        }

        var days = CultureInfo.CurrentUICulture.DateTimeFormat;
        return Text("AuditDetail_Week", string.Join("; ", ranges.Select(m =>
            $"{days.GetDayName(Enum.Parse<DayOfWeek>(m.Groups[1].Value))} {Time(m.Groups[2].Value)}–{Time(m.Groups[3].Value)}")));
    }

    // "reason · 2026-12-14T12:00:00.0000000+00:00" or "reason · permanent"; the reason may hold " · " itself.
    private string? Block(string details)
    {
        var split = details.LastIndexOf(" · ", StringComparison.Ordinal);
        if (split < 0)
        {
            return null;
        }

        var (reason, until) = (details[..split], details[(split + 3)..]);
        if (until == "permanent")
        {
            return Text("AuditDetail_BlockPermanent", reason);
        }

        return DateTimeOffset.TryParse(until, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? Text("AuditDetail_BlockUntil", reason, WibTime.Format(at))
            : null;
    }

    // "number=123; results=4": each key and the words true/false, match/mismatch … in the reader's language.
    private string? Pairs(string details)
    {
        var pairs = details.Split("; ").Select(pair => pair.Split('=', 2)).ToList();
        if (pairs.Any(pair => pair.Length != 2 || Resource($"AuditKey_{pair[0]}") is null))
        {
            return null;
        }

        return string.Join("; ", pairs.Select(pair => $"{Resource($"AuditKey_{pair[0]}")}: {Resource($"AuditValue_{pair[1]}") ?? pair[1]}"));
    }

    private static string Time(string invariant) =>
        WibTime.FormatTime(TimeOnly.ParseExact(invariant, "HH:mm", CultureInfo.InvariantCulture));

    private string? Word(string details, string first, string firstKey, string second, string secondKey) =>
        details == first ? Text(firstKey) : details == second ? Text(secondKey) : null;

    private string Text(string key, params object[] arguments) => l[key, arguments].Value;

    private string? Resource(string key) => l[key] is { ResourceNotFound: false } text ? text.Value : null;

    private static string WithWibTimes(string details) =>
        IsoTime().Replace(details, m => DateTimeOffset.TryParse(m.Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? WibTime.Format(at)
            : m.Value);

    private static string? Prefixed(string text, string prefix) =>
        text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : null;

    private static string? Suffixed(string text, string suffix) =>
        text.EndsWith(suffix, StringComparison.Ordinal) ? text[..^suffix.Length] : null;

    private static string? Number(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number.ToString("N0", CultureInfo.CurrentCulture) : null;

    [GeneratedRegex(@"^name: (.*); roles: (.*)$")]
    private static partial Regex NameAndRoles();

    [GeneratedRegex(@"^(\d+) rows, (\d+) updated$")]
    private static partial Regex HolidaysImported();

    [GeneratedRegex(@"^(\d+) / (\d+)$")]
    private static partial Regex BlocksImported();

    [GeneratedRegex(@"^(\w+) ([01]\d:[0-5]\d|2[0-3]:[0-5]\d)-([01]\d:[0-5]\d|2[0-3]:[0-5]\d)$")]
    private static partial Regex OpeningRange();

    [GeneratedRegex(@"^(.*?); after (\d+) attempts: (.*)$", RegexOptions.Singleline)]
    private static partial Regex FailedMail();

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)")]
    private static partial Regex IsoTime();
}
